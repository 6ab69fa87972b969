package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.TENANT;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.gate.AuditSink;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.run.RunEvent;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.testing.ScriptedModelClient;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Gate writes ahead: a call to a tool with an effect is recorded as intended before the tool
 * runs, and does not run if that record cannot be written.
 */
class AuditIntentTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();
  final Trail trail = new Trail();

  /** What the sink was told, in order, each line saying how often the tool had run by then. */
  final class Trail implements AuditSink {
    final List<String> lines = new ArrayList<>();
    final List<Decision.Allow> intents = new ArrayList<>();
    final List<GateOutcome> outcomes = new ArrayList<>();
    int failingIntents;

    @Override
    public synchronized void intend(GateRequest request, Decision.Allow allowed) {
      if (failingIntents > 0) {
        failingIntents--;
        throw new IllegalStateException("ledger unavailable");
      }
      var tool = request.call().name();
      lines.add("intend " + tool + " (ran " + tools.count(tool) + ")");
      intents.add(allowed);
    }

    @Override
    public synchronized void record(GateRequest request, GateOutcome outcome) {
      var tool = request.call().name();
      lines.add(
          "record "
              + outcome.getClass().getSimpleName()
              + " "
              + tool
              + " (ran "
              + tools.count(tool)
              + ")");
      outcomes.add(outcome);
    }

    @Override
    public void recordVote(Approval approval, ApprovalVote vote) {}
  }

  /** A writing tool whose backend throws. */
  public static final class BrokenPayments {
    final AtomicInteger calls = new AtomicInteger();

    @Tool(name = "charge_card", description = "Charge a card", tier = RiskTier.WRITE_LOW)
    public String charge() {
      calls.incrementAndGet();
      throw new IllegalStateException("payment backend down");
    }
  }

  private AgentRuntime runtime(String agentName, String tool, ScriptedModelClient model) {
    fx.model(agentName, model);
    return fx.runtime()
        .tools(tools)
        .agent(agent(agentName, tool))
        .gate(g -> g.audit(trail))
        .build();
  }

  private static ScriptedModelClient reship() {
    return ScriptedModelClient.builder()
        .callTools(call("c1", "reship_item", "{\"sku\":\"lamp\",\"cost\":20}"))
        .answer("done")
        .build();
  }

  private String lastResult() {
    return fx.events.events(RunEvent.ToolFinished.class).getLast().result().content();
  }

  @Test
  void aWritingCallIsIntendedBeforeItsToolRunsAndRecordedAfterWithTheSamePolicies() {
    var runtime = runtime("orders", "reship_item", reship());

    runtime.start("orders", ENVELOPE, "reship the lamp");

    assertThat(trail.lines)
        .containsExactly("intend reship_item (ran 0)", "record Executed reship_item (ran 1)");
    var executed = (GateOutcome.Executed) trail.outcomes.getFirst();
    assertThat(trail.intents.getFirst()).isEqualTo(executed.decision());
    assertThat(trail.intents.getFirst().policies()).isNotEmpty();
  }

  @Test
  void aReadCallIsOnlyRecordedAfterItRuns() {
    var runtime =
        runtime(
            "orders",
            "get_order",
            ScriptedModelClient.builder()
                .callTools(call("c1", "get_order", "{\"order_id\":\"1\"}"))
                .answer("done")
                .build());

    runtime.start("orders", ENVELOPE, "order 1");

    assertThat(trail.lines).containsExactly("record Executed get_order (ran 1)");
  }

  @Test
  void aDeniedCallIsNotIntended() {
    var runtime =
        runtime(
            "ops",
            "wipe_ledger",
            ScriptedModelClient.builder()
                .callTools(call("c1", "wipe_ledger", "{}"))
                .answer("refused")
                .build());

    runtime.start("ops", ENVELOPE, "wipe");

    assertThat(trail.lines).containsExactly("record Rejected wipe_ledger (ran 0)");
  }

  @Test
  void aCallWaitingForApprovalIsIntendedOnlyOnceApprovedNamingTheApproval() {
    var runtime =
        runtime(
            "payments",
            "refund_charge",
            ScriptedModelClient.builder()
                .callTools(call("r1", "refund_charge", "{\"charge_id\":\"ch_2\",\"amount\":49.5}"))
                .answer("refunded")
                .build());
    runtime.start("payments", ENVELOPE, "refund");
    assertThat(trail.lines).containsExactly("record AwaitingApproval refund_charge (ran 0)");
    var approval = fx.events.events(RunEvent.ApprovalWaiting.class).getFirst().approvalId();

    runtime.approve(TENANT, approval, "alice", null);

    assertThat(trail.lines)
        .containsExactly(
            "record AwaitingApproval refund_charge (ran 0)",
            "intend refund_charge (ran 0)",
            "record Executed refund_charge (ran 1)");
    assertThat(trail.intents.getFirst().policies()).contains("approval:" + approval);
  }

  @Test
  void whenTheIntentCannotBeWrittenTheToolDoesNotRunAndTheCallFailsNamingTheLedger() {
    trail.failingIntents = 1;
    var runtime = runtime("orders", "reship_item", reship());

    var run = runtime.start("orders", ENVELOPE, "reship the lamp");

    assertThat(tools.count("reship_item")).isZero();
    assertThat(lastResult())
        .contains("the audit ledger could not record the intent to run 'reship_item'")
        .contains("so the tool did not run")
        .contains("ledger unavailable");
    assertThat(trail.lines).containsExactly("record Executed reship_item (ran 0)");
    assertThat(((GateOutcome.Executed) trail.outcomes.getFirst()).result().error()).isTrue();
    // No result is kept for the call, so trying it again runs it.
    var effect = fx.effects.find(TENANT, run.id().value() + "/c1");
    assertThat(effect).hasValueSatisfying(e -> assertThat(e.finished()).isFalse());
  }

  @Test
  void aLedgerThatCannotRecordIntentsDoesNotOpenTheToolsCircuitBreaker() {
    trail.failingIntents = 3;
    var turns = ScriptedModelClient.builder();
    for (int i = 0; i < 4; i++) {
      turns.callTools(call("c" + i, "reship_item", "{\"sku\":\"lamp\",\"cost\":20}"));
    }
    fx.model("orders", turns.answer("done").build());
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(agent("orders", "reship_item"))
            .gate(
                g ->
                    g.audit(trail)
                        .breaker(
                            CircuitBreakerConfig.custom()
                                .minimumNumberOfCalls(2)
                                .slidingWindowSize(2)
                                .failureRateThreshold(50)
                                .build()))
            .build();

    runtime.start("orders", ENVELOPE, "reship, again and again");

    assertThat(tools.count("reship_item")).isEqualTo(1);
    assertThat(lastResult()).doesNotContain("circuit breaker");
  }

  @Test
  void aWritingToolThatThrowsIsRecordedAsFailedAfterItsIntent() {
    var payments = new BrokenPayments();
    fx.model(
        "payments",
        ScriptedModelClient.builder()
            .callTools(call("c1", "charge_card", "{}"))
            .answer("could not charge")
            .build());
    var runtime =
        fx.runtime()
            .tools(payments)
            .agent(agent("payments", "charge_card"))
            .gate(g -> g.audit(trail))
            .build();

    runtime.start("payments", ENVELOPE, "charge");

    assertThat(payments.calls).hasValue(1);
    assertThat(trail.lines)
        .containsExactly("intend charge_card (ran 0)", "record Executed charge_card (ran 0)");
    var failed = (GateOutcome.Executed) trail.outcomes.getFirst();
    assertThat(failed.result().error()).isTrue();
    assertThat(failed.result().content()).contains("payment backend down");
    assertThat(lastResult()).contains("payment backend down");
  }
}
