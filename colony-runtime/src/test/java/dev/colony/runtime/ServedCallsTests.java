package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.Principal;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.ToolCall;
import dev.colony.runtime.gate.TierPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServedCallsTests {
  private final Fixture fx = new Fixture();
  private final SampleTools tools = new SampleTools();

  private AgentRuntime runtime() {
    return fx.runtime()
        .tools(tools)
        .toolServer("mcp-orders", List.of("get_order", "refund_charge"))
        .build();
  }

  @Test
  void aReadCallCompletesAtOnceWithTheToolsResultAndStoresNoRun() {
    var runtime = runtime();

    var call =
        runtime.call(
            "mcp-orders", ENVELOPE, new ToolCall("c1", "get_order", "{\"order_id\":\"1001\"}"));

    assertThat(call.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(call.result().error()).isFalse();
    assertThat(call.result().content()).contains("\"id\":\"1001\"");
    assertThat(tools.count("get_order")).isEqualTo(1);
    assertThat(fx.runs.list(TENANT, null, 10)).isEmpty();
    assertThat(runtime.servedCall(TENANT, call.id())).isEmpty();
  }

  @Test
  void argumentsThatBreakTheSchemaAreRefusedByTheGateAndTheToolNeverRuns() {
    var runtime = runtime();

    var call =
        runtime.call(
            "mcp-orders", ENVELOPE, new ToolCall("c1", "get_order", "{\"order_id\":\"x\"}"));

    assertThat(call.result().error()).isTrue();
    assertThat(call.result().content()).contains("denied by the gate").contains("order_id");
    assertThat(tools.count("get_order")).isZero();
  }

  @Test
  void aWriteHighCallWaitsForApprovalAsTheCallerAndRunsOnceApproved() {
    var runtime = runtime();
    var call = new ToolCall("c1", "refund_charge", "{\"charge_id\":\"ch_2\",\"amount\":49.5}");

    var waiting = runtime.call("mcp-orders", ENVELOPE, call);

    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.result()).isNull();
    assertThat(tools.count("refund_charge")).isZero();
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();
    assertThat(waiting.approvals()).containsExactly(approval.id().value());
    assertThat(approval.runId()).isEqualTo(waiting.id());
    assertThat(approval.requestedBy()).isEqualTo(Principal.user("rep-7"));
    var run = runtime.run(TENANT, waiting.id()).orElseThrow();
    assertThat(run.agent()).isEqualTo("mcp-orders");
    assertThat(run.envelope().chain()).containsExactly(Principal.user("rep-7"));

    runtime.approve(TENANT, approval.id(), "alice", "duplicate");

    var done = runtime.servedCall(TENANT, waiting.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.result().content()).contains("ch_2");
    assertThat(tools.count("refund_charge")).isEqualTo(1);
  }

  @Test
  void aDeniedApprovalCompletesTheCallWithAFailedResult() {
    var runtime = runtime();
    var waiting =
        runtime.call(
            "mcp-orders",
            ENVELOPE,
            new ToolCall("c1", "refund_charge", "{\"charge_id\":\"ch_2\",\"amount\":49.5}"));
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();

    runtime.deny(TENANT, approval.id(), "bob", "not a duplicate");

    var result = runtime.servedCall(TENANT, waiting.id()).orElseThrow().result();
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("denied by bob");
    assertThat(tools.count("refund_charge")).isZero();
  }

  @Test
  void aWriteLowCallOverItsLimitIsStoredWaitingAndRunsOnceApproved() {
    var runtime =
        fx.runtime()
            .tools(tools)
            .toolServer("mcp-orders", List.of("reship_item"))
            .gate(g -> g.policy(TierPolicy.standard().withLimit("reship_item", "/cost", 20)))
            .build();
    var call = new ToolCall("c1", "reship_item", "{\"sku\":\"S-1\",\"cost\":35}");

    var waiting = runtime.call("mcp-orders", ENVELOPE, call);

    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    assertThat(runtime.run(TENANT, waiting.id())).isPresent();
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();
    runtime.approve(TENANT, approval.id(), "alice", "fine");

    assertThat(runtime.servedCall(TENANT, waiting.id()).orElseThrow().status())
        .isEqualTo(RunStatus.COMPLETED);
    assertThat(tools.count("reship_item")).isEqualTo(1);
  }

  @Test
  void aToolTheServerDoesNotServeIsNotFoundAndNothingIsStored() {
    var runtime = runtime();

    assertThatThrownBy(
            () -> runtime.call("mcp-orders", ENVELOPE, new ToolCall("c1", "wipe_ledger", "{}")))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("wipe_ledger");
    assertThatThrownBy(() -> runtime.call("nope", ENVELOPE, new ToolCall("c1", "get_order", "{}")))
        .isInstanceOf(NotFound.class)
        .hasMessageContaining("nope");
    assertThat(fx.runs.list(TENANT, null, 10)).isEmpty();
  }

  @Test
  void aToolServerIsNotAnAgentAndCannotBeStartedAsOne() {
    var runtime = runtime();

    assertThat(runtime.agents()).isEmpty();
    assertThatThrownBy(() -> runtime.start("mcp-orders", ENVELOPE, "hello"))
        .isInstanceOf(NotFound.class);
  }

  @Test
  void aToolServerCannotShareItsNameWithAnAgent() {
    assertThatThrownBy(
            () ->
                fx.runtime()
                    .tools(tools)
                    .agent(agent("orders", "get_order"))
                    .toolServer("orders", List.of("get_order")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("already an agent");
  }

  @Test
  void aToolServerNamingAnUnknownToolIsRefusedAtBuild() {
    assertThatThrownBy(
            () -> fx.runtime().tools(tools).toolServer("mcp-x", List.of("no_such_tool")).build())
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("no_such_tool");
  }
}
