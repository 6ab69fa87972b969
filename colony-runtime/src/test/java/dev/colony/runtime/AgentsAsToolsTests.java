package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Principal;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunStatus;
import dev.colony.testing.ScriptedModelClient;
import org.junit.jupiter.api.Test;

class AgentsAsToolsTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();

  private AgentRuntime orchestrated() {
    fx.model(
        "support",
        ScriptedModelClient.builder()
            .callTools(
                call("d1", "agent.orders", "{\"request\":\"what is in order 1001?\"}"),
                call("d2", "agent.payments", "{\"request\":\"refund charge ch_2\"}"))
            .answer("Case resolved.")
            .build());
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("o1", "get_order", "{\"order_id\":\"1001\"}"))
            .answer("Order 1001: lamp, scarf.")
            .build());
    fx.model(
        "payments",
        ScriptedModelClient.builder()
            .callTools(call("p1", "refund_charge", "{\"charge_id\":\"ch_2\",\"amount\":10}"))
            .answer("Refunded ch_2.")
            .build());
    return fx.runtime()
        .tools(tools)
        .agent(agent("support", "agent.orders", "agent.payments"))
        .agent(agent("orders", "get_order"))
        .agent(agent("payments", "refund_charge"))
        .build();
  }

  @Test
  void anOrchestratorWaitsWhileAWorkerWaitsForApprovalAndFinishesAfterIt() {
    var runtime = orchestrated();

    var waiting = runtime.start("support", ENVELOPE, "charged twice for order 1001");

    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
    assertThat(waiting.waitingOn()).startsWith("run:");
    assertThat(tools.count("get_order")).isEqualTo(1);

    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();
    runtime.approve(TENANT, approval.id(), "alice", null);

    var done = runtime.run(TENANT, waiting.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(done.output()).isEqualTo("Case resolved.");
    assertThat(tools.count("refund_charge")).isEqualTo(1);
  }

  @Test
  void aWorkerRunCarriesTheWholePrincipalChain() {
    var runtime = orchestrated();

    runtime.start("support", ENVELOPE, "charged twice");

    var payments =
        runtime.runs(TENANT, null, 10).stream()
            .filter(r -> r.agent().equals("payments"))
            .findFirst()
            .orElseThrow();
    assertThat(payments.envelope().chain())
        .containsExactly(
            Principal.user("rep-7"), Principal.agent("support"), Principal.agent("payments"));
    assertThat(payments.parentCallId()).isEqualTo("d2");
  }

  @Test
  void aWorkerRunsRootIsTheOrchestratorsRun() {
    var runtime = orchestrated();
    var support = runtime.start("support", ENVELOPE, "charged twice");

    var payments =
        runtime.runs(TENANT, null, 10).stream()
            .filter(r -> r.agent().equals("payments"))
            .findFirst()
            .orElseThrow();

    assertThat(runtime.root(TENANT, payments.id()).id()).isEqualTo(support.id());
    assertThat(runtime.root(TENANT, support.id()).id()).isEqualTo(support.id());
  }

  @Test
  void theWorkersAnswerIsTheOrchestratorsToolResult() {
    var runtime = orchestrated();
    runtime.start("support", ENVELOPE, "charged twice");
    var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();

    runtime.approve(TENANT, approval.id(), "alice", null);

    var support = (ScriptedModelClient) fx.models.get("support");
    var lastRequest = support.requests().getLast().messages().toString();
    assertThat(lastRequest).contains("Order 1001: lamp, scarf.").contains("Refunded ch_2.");
  }
}
