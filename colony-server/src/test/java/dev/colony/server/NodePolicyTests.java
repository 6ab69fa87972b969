package dev.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.RiskTier;
import dev.colony.testing.RecordingListener;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node decides with the retail example's Cedar policies. */
class NodePolicyTests {
  @TempDir Path data;

  @Test
  void theNodesDecisionsNameTheRetailCedarPolicies() {
    var events = new RecordingListener();
    try (var node =
        Node.open(NodeConfig.defaults().withDataDir(data).withEnvironment(Map.of()), events)) {
      var run =
          node.runtime()
              .start(
                  "orders", node.localEnvelope(), "Investigate order 1001: which items shipped?");

      assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(events.events(RunEvent.GateDecided.class))
          .isNotEmpty()
          .allSatisfy(d -> assertThat(d.decision().policies()).containsExactly("orders-reads"));
    }
  }

  @Test
  void cancelOrderIsOfferedToTheOrdersAgentAsACriticalTool() {
    try (var node = Node.open(NodeConfig.defaults().withDataDir(data).withEnvironment(Map.of()))) {
      assertThat(node.runtime().toolsOf("orders"))
          .filteredOn(t -> t.name().equals("cancel_order"))
          .singleElement()
          .satisfies(t -> assertThat(t.tier()).isEqualTo(RiskTier.CRITICAL));
    }
  }
}
