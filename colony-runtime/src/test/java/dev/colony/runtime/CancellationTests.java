package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.Tool;
import dev.colony.testing.ScriptedModelClient;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CancellationTests {
  /** A tool that cancels its own run while it runs, standing for a person pressing cancel. */
  public static final class SelfCancelling {
    final AtomicReference<AgentRuntime> runtime = new AtomicReference<>();

    @Tool(name = "slow_lookup", description = "Looks something up slowly")
    public String slowLookup(dev.colony.core.tool.ToolContext context) {
      runtime.get().cancel(TENANT, context.runId(), "customer hung up");
      return "found";
    }
  }

  @Test
  void aRunCancelledWhileItsToolRunsStopsBeforeTheNextModelTurn() {
    var model =
        ScriptedModelClient.builder()
            .callTools(call("c1", "slow_lookup", "{}"))
            .answer("never reached")
            .build();
    var fx = new Fixture().model("clerk", model);
    var tool = new SelfCancelling();
    var runtime = fx.runtime().tools(tool).agent(agent("clerk", "slow_lookup")).build();
    tool.runtime.set(runtime);

    var run = runtime.start("clerk", ENVELOPE, "look it up");

    assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(run.error()).isEqualTo("customer hung up");
    assertThat(model.requests()).hasSize(1);
    assertThat(fx.events.events(RunEvent.Cancelled.class)).hasSize(1);
  }
}
