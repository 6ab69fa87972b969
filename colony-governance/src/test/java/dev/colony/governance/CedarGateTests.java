package dev.colony.governance;

import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.gate.Decision;
import dev.colony.core.model.ModelClient;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelRetry;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import dev.colony.testing.RecordingListener;
import dev.colony.testing.ScriptedModelClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine installed as the runtime Gate's policy, end to end with a scripted model. */
class CedarGateTests {
  final RetailTools tools = new RetailTools();
  final RecordingListener events = new RecordingListener();
  final CedarPolicyEngine engine = RetailPolicyTests.retailEngine();

  private AgentRuntime runtime(String agent, ModelClient model, String... agentTools) {
    return AgentRuntime.builder()
        .stores(new InMemoryRunStore(), new InMemoryApprovalStore(), new InMemoryEffectStore())
        .models(a -> model)
        .modelRetry(new ModelRetry(1, Duration.ZERO))
        .listener(events)
        .tools(tools)
        .agent(
            AgentSpec.builder(agent)
                .description(agent + " agent")
                .tools(agentTools)
                .scopes("orders:read", "orders:write", "payments:read", "payments:refund")
                .build())
        .gate(g -> g.policy(engine))
        .build();
  }

  private static String reship(String speed, int maxCost) {
    return "{\"order_id\":\"1001\",\"sku\":\"SCARF-02\",\"warehouse\":\"berlin\",\"speed\":\""
        + speed
        + "\",\"max_cost\":"
        + maxCost
        + "}";
  }

  @Test
  void aReshipmentOutsideThePolicyIsDeniedAndOneWithinItRuns() {
    var model =
        ScriptedModelClient.builder()
            .callTools(call("standard", "reship_item", reship("STANDARD", 15)))
            .callTools(call("too-dear", "reship_item", reship("NEXT_DAY", 35)))
            .callTools(call("next-day", "reship_item", reship("NEXT_DAY", 15)))
            .answer("Reshipped by next day.")
            .build();
    var runtime = runtime("orders", model, "get_order", "reship_item");

    var run = runtime.start("orders", Calls.USER, "Reship SCARF-02 of order 1001 for tomorrow");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tools.count("reship_item")).isEqualTo(1);
    var results = events.events(RunEvent.ToolFinished.class);
    assertThat(results.get(0).result().content())
        .contains("denied by the gate (policy)")
        .contains("it is permitted only by reship-next-day-within-cost");
    assertThat(results.get(1).result().content()).contains("denied by the gate (policy)");
    assertThat(results.get(2).result().content()).contains("reship_item done");
    assertThat(events.events(RunEvent.GateDecided.class))
        .extracting(RunEvent.GateDecided::decision)
        .extracting(Decision::policies)
        .containsExactly(
            java.util.List.of("cedar:default-deny"),
            java.util.List.of("cedar:default-deny"),
            java.util.List.of("reship-next-day-within-cost"));
  }

  @Test
  void aRefundWaitsForAPersonsApproval() {
    var model =
        ScriptedModelClient.builder()
            .callTools(
                call(
                    "r1",
                    "refund_charge",
                    "{\"charge_id\":\"CH-7782\",\"amount\":64.0,\"reason\":\"duplicate charge\"}"))
            .answer("Refunded.")
            .build();
    var runtime = runtime("payments", model, "refund_charge");

    var run = runtime.start("payments", Calls.USER, "Refund the duplicate charge");

    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(tools.count("refund_charge")).isZero();
    assertThat(events.events(RunEvent.ApprovalWaiting.class)).hasSize(1);
  }

  @Test
  void cancellingAnOrderIsDeniedWithoutAPolicyThatPermitsIt() {
    var model =
        ScriptedModelClient.builder()
            .callTools(call("c1", "cancel_order", "{\"order_id\":\"1001\",\"reason\":\"fraud\"}"))
            .answer("Not cancelled.")
            .build();
    var runtime = runtime("orders", model, "cancel_order");

    var run = runtime.start("orders", Calls.USER, "Cancel order 1001, it is fraud");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tools.count("cancel_order")).isZero();
    assertThat(events.events(RunEvent.ToolFinished.class).getFirst().result().content())
        .contains("denied by the gate (policy)")
        .contains("'cancel_order' (tier CRITICAL)");
  }

  @Test
  void aCriticalCallAPolicyPermitsRunsAfterTwoPeopleOtherThanTheRequesterApprove() {
    var model =
        ScriptedModelClient.builder()
            .callTools(call("c1", "cancel_order", "{\"order_id\":\"1001\",\"reason\":\"fraud\"}"))
            .answer("Cancelled.")
            .build();
    var runtime =
        AgentRuntime.builder()
            .stores(new InMemoryRunStore(), new InMemoryApprovalStore(), new InMemoryEffectStore())
            .models(a -> model)
            .listener(events)
            .tools(tools)
            .agent(AgentSpec.builder("orders").description("orders").tools("cancel_order").build())
            .gate(g -> g.policy(RetailPolicyTests.retailEngine("cancel-with-two-approvers")))
            .build();

    var run = runtime.start("orders", Calls.USER, "Cancel order 1001, it is fraud");
    var approval = runtime.approvals(Calls.TENANT, ApprovalStatus.PENDING).getFirst();

    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(approval.required()).isEqualTo(2);
    assertThatThrownBy(() -> runtime.approve(Calls.TENANT, approval.id(), "rep-7", "mine"))
        .isInstanceOf(InvalidInput.class);
    runtime.approve(Calls.TENANT, approval.id(), "alice", "confirmed fraud");
    assertThat(tools.count("cancel_order")).isZero();
    runtime.approve(Calls.TENANT, approval.id(), "bob", "confirmed fraud");
    assertThat(tools.count("cancel_order")).isEqualTo(1);
    assertThat(runtime.run(Calls.TENANT, run.id()).orElseThrow().status())
        .isEqualTo(RunStatus.COMPLETED);
  }
}
