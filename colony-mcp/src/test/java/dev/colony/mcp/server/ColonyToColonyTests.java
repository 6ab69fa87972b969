package dev.colony.mcp.server;

import static dev.colony.mcp.server.McpServerFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.mcp.client.FileToolPins;
import dev.colony.mcp.client.McpServerRef;
import dev.colony.mcp.client.McpToolSource;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colony's MCP client against Colony's MCP server: the client example of docs/mcp.md, as written
 * there, with the test's server. A call passes the calling runtime's Gate, then the serving one's.
 */
class ColonyToColonyTests {
  private final McpServerFixture fx = new McpServerFixture();
  @TempDir Path dataDir;

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void aRuntimeUsesAnotherNodesMcpServerAsGovernedTools() {
    var token = "alice";
    var approvals = new InMemoryApprovalStore();
    var runtimeBuilder =
        AgentRuntime.builder()
            .stores(new InMemoryRunStore(), approvals, new InMemoryEffectStore())
            .models(ModelResolver.always(null));

    // docs/mcp.md, "Using other MCP servers as tools": the same calls, on the test's server.
    var shop =
        McpToolSource.builder(
                McpServerRef.http("shop", URI.create(fx.url()))
                    .withTiers(Map.of("get_order", RiskTier.READ))
                    .withBearerToken(() -> token))
            .pins(FileToolPins.in(dataDir.resolve("mcp-pins")))
            .build();
    runtimeBuilder.tools(shop.tools(Duration.ofSeconds(5)));

    try (shop;
        var runtime =
            runtimeBuilder
                .toolServer("caller", List.of("shop.get_order", "shop.refund_charge"))
                .build()) {
      var read =
          runtime.call(
              "caller",
              McpServerFixture.envelope("rep", "colony:run"),
              new ToolCall("c1", "shop.get_order", "{\"order_id\":\"1001\"}"));

      assertThat(read.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(read.result().error()).isFalse();
      assertThat(read.result().content()).contains("SCARF-02");
      // The serving node ran it as the token's user, through its own Gate.
      assertThat(fx.tools.lastCaller).isEqualTo("alice");

      var refund =
          runtime.call(
              "caller",
              McpServerFixture.envelope("rep", "colony:run"),
              new ToolCall("c2", "shop.refund_charge", "{\"charge_id\":\"CH-1\",\"amount\":5}"));

      // An unknown remote write defaults to WRITE_HIGH: the calling side asks a person first.
      assertThat(refund.status()).isEqualTo(RunStatus.WAITING);
      assertThat(approvals.list(TENANT, ApprovalStatus.PENDING, 10)).hasSize(1);
      assertThat(fx.tools.count("refund_charge")).isZero();
    }
  }
}
