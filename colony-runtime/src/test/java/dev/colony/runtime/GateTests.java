package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.gate.Decision;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.runtime.gate.TierPolicy;
import dev.colony.testing.ScriptedModelClient;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;

class GateTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();

  private String deniedContent() {
    return fx.events.events(RunEvent.ToolFinished.class).getFirst().result().content();
  }

  @Test
  void anUnknownToolIsDeniedNothingRunsAndTheRunContinues() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "delete_everything", "{}"))
            .answer("I cannot do that.")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    var run = runtime.start("orders", ENVELOPE, "delete");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(deniedContent())
        .contains("denied by the gate (unknown-tool)")
        .contains("unknown tool 'delete_everything'");
    assertThat(fx.events.events(RunEvent.GateDecided.class).getFirst().decision())
        .isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aToolTheAgentWasNotGivenIsDeniedEvenIfItExists() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "refund_charge", "{\"charge_id\":\"ch1\",\"amount\":5}"))
            .answer("no")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    runtime.start("orders", ENVELOPE, "refund");

    assertThat(deniedContent()).contains("unknown tool 'refund_charge'");
    assertThat(tools.count("refund_charge")).isZero();
  }

  @Test
  void argumentsThatBreakTheSchemaAreDeniedWithTheFieldNamed() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"abc\",\"extra\":1}"))
            .answer("bad")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    runtime.start("orders", ENVELOPE, "order abc");

    assertThat(tools.count("get_order")).isZero();
    assertThat(deniedContent())
        .contains("denied by the gate (schema)")
        .contains("arguments.order_id")
        .contains("extra");
  }

  @Test
  void malformedToolCallJsonFromTheModelIsDeniedWithTheParserLocation() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\": \"1001\""))
            .answer("sorry")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    var run = runtime.start("orders", ENVELOPE, "order 1001");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(tools.count("get_order")).isZero();
    assertThat(deniedContent()).contains("is not valid JSON").contains("line 1");
  }

  @Test
  void criticalToolsAreDeniedByDefault() {
    fx.model(
        "ops",
        ScriptedModelClient.builder()
            .callTools(call("c1", "wipe_ledger", "{}"))
            .answer("refused")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("ops", "wipe_ledger")).build();

    runtime.start("ops", ENVELOPE, "wipe");

    assertThat(tools.count("wipe_ledger")).isZero();
    assertThat(deniedContent()).contains("tier CRITICAL: denied unless a policy permits it");
  }

  @Test
  void writeLowWithinItsLimitRunsAndOverItsLimitNeedsApproval() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(
                call("a", "reship_item", "{\"sku\":\"lamp\",\"cost\":20}"),
                call("b", "reship_item", "{\"sku\":\"sofa\",\"cost\":900}"))
            .answer("done")
            .build());
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(agent("orders", "reship_item"))
            .gate(g -> g.policy(TierPolicy.standard().withLimit("reship_item", "/cost", 50)))
            .build();

    var run = runtime.start("orders", ENVELOPE, "reship");

    assertThat(run.status()).isEqualTo(RunStatus.WAITING);
    assertThat(tools.count("reship_item")).isEqualTo(1);
    var waiting = fx.events.events(RunEvent.ApprovalWaiting.class);
    assertThat(waiting).singleElement().satisfies(w -> assertThat(w.callId()).isEqualTo("b"));
    assertThat(fx.events.events(RunEvent.GateDecided.class))
        .anySatisfy(
            d ->
                assertThat(d.decision().reason())
                    .contains("argument /cost = 900 is over the limit of 50"));
  }

  @Test
  void anAgentOverItsRateLimitIsRefusedUntilTheBucketRefills() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(
                call("a", "get_order", "{\"order_id\":\"1\"}"),
                call("b", "get_order", "{\"order_id\":\"2\"}"),
                call("c", "get_order", "{\"order_id\":\"3\"}"))
            .answer("done")
            .build());
    var fixed =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-11-21T10:00:00Z"), java.time.ZoneOffset.UTC);
    var runtime =
        fx.runtime()
            .clock(fixed)
            .tools(tools)
            .agent(agent("orders", "get_order"))
            .gate(g -> g.rateLimit("orders", 2, java.time.Duration.ofMinutes(1)))
            .build();

    runtime.start("orders", ENVELOPE, "three orders");

    assertThat(tools.count("get_order")).isEqualTo(2);
    assertThat(fx.events.events(RunEvent.ToolFinished.class))
        .filteredOn(e -> e.result().error())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.result().content())
                    .contains("denied by the gate (rate-limit)")
                    .contains("over its rate limit of 2 tool calls per PT1M"));
  }

  @Test
  void aToolThatKeepsThrowingTripsItsCircuitBreaker() {
    var turns = ScriptedModelClient.builder();
    for (int i = 0; i < 4; i++) {
      turns.callTools(call("c" + i, "flaky", "{}"));
    }
    fx.model("ops", turns.answer("gave up").build());
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(agent("ops", "flaky"))
            .gate(
                g ->
                    g.breaker(
                        CircuitBreakerConfig.custom()
                            .minimumNumberOfCalls(2)
                            .slidingWindowSize(2)
                            .failureRateThreshold(50)
                            .build()))
            .build();

    runtime.start("ops", ENVELOPE, "try");

    assertThat(tools.count("flaky")).isEqualTo(2);
    assertThat(fx.events.events(RunEvent.ToolFinished.class))
        .extracting(e -> e.result().content())
        .anySatisfy(c -> assertThat(c).contains("backend down"))
        .anySatisfy(c -> assertThat(c).contains("circuit breaker is open"));
  }

  @Test
  void anAuditSinkThatFailsTurnsTheOutcomeIntoAFailure() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"1\"}"))
            .answer("done")
            .build());
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(agent("orders", "get_order"))
            .gate(
                g ->
                    g.audit(
                        (request, outcome) -> {
                          throw new IllegalStateException("ledger unavailable");
                        }))
            .build();

    runtime.start("orders", ENVELOPE, "order 1");

    assertThat(deniedContent())
        .contains("audit record for this call could not be written")
        .contains("ledger unavailable");
  }
}
