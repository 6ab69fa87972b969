package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.agent.AgentSpec;
import dev.colony.core.agent.Budget;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.runtime.gate.Quota;
import dev.colony.testing.InMemoryUsageStore;
import dev.colony.testing.ScriptedModelClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets per run, per agent and per tenant: each stops work with a clear reason. */
class BudgetTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();
  final InMemoryUsageStore usage = new InMemoryUsageStore();

  private static ScriptedModelClient lookupThenAnswer() {
    // Each scripted turn reports 10 input and 5 output tokens.
    return ScriptedModelClient.builder()
        .callTools(call("c1", "get_order", "{\"order_id\":\"1\"}"))
        .answer("done")
        .build();
  }

  @Test
  void aRunOverItsCostBudgetStopsBeforeTheNextModelTurn() {
    fx.model("orders", lookupThenAnswer());
    var spec =
        AgentSpec.builder("orders")
            .tools("get_order")
            .budget(Budget.DEFAULT.withMaxCostMicros(100))
            .build();
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(spec)
            // 10.00 per million input tokens is 10 micros a token: 10 x 10 + 5 x 2 = 110 micros a
            // turn
            .pricing(
                ModelPricing.perMillionTokens(Map.of("scripted", new ModelPricing.Price(10, 2))))
            .build();

    var run = runtime.start("orders", ENVELOPE, "order 1");

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error())
        .isEqualTo("budget exceeded: the run's model cost is 110 micros, limit 100");
  }

  @Test
  void aTenantOverItsTokenBudgetCannotStartAnotherModelTurn() {
    fx.model("orders", lookupThenAnswer());
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(agent("orders", "get_order"))
            .gate(g -> g.quotas(usage, Quota.tenant(Duration.ofHours(24), 30, Long.MAX_VALUE, 100)))
            .build();

    var first = runtime.start("orders", ENVELOPE, "order 1");
    fx.model("orders", lookupThenAnswer());
    var second = runtime.start("orders", ENVELOPE, "order 1 again");

    assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(second.status()).isEqualTo(RunStatus.FAILED);
    assertThat(second.error())
        .isEqualTo("budget exceeded: tenant budget of 30 tokens per PT24H is used up (30 used)");
  }

  @Test
  void anAgentOverItsToolCallBudgetIsDeniedAndOtherAgentsAreNot() {
    fx.model("orders", lookupThenAnswer());
    fx.model("clerk", lookupThenAnswer());
    var runtime =
        fx.runtime()
            .tools(tools)
            .agent(agent("orders", "get_order"))
            .agent(agent("clerk", "get_order"))
            .gate(
                g ->
                    g.quotas(
                        usage,
                        Quota.agent(
                            "orders", Duration.ofHours(1), Long.MAX_VALUE, Long.MAX_VALUE, 1)))
            .build();

    runtime.start("orders", ENVELOPE, "order 1");
    fx.model("orders", lookupThenAnswer());
    runtime.start("orders", ENVELOPE, "order 1 again");
    runtime.start("clerk", ENVELOPE, "order 1");

    assertThat(tools.count("get_order")).isEqualTo(2);
    assertThat(fx.events.events(RunEvent.ToolFinished.class))
        .filteredOn(e -> e.result().error())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.result().content())
                    .contains(
                        "agent 'orders' budget of 1 tool calls per PT1H is used up (1 used)"));
  }

  @Test
  void aTenantOverItsWallTimeStopsRunsAndTheTimeOfModelTurnsAndToolsCounts() {
    var now =
        new java.util.concurrent.atomic.AtomicReference<>(
            java.time.Instant.parse("2026-11-21T10:00:00Z"));
    var clock =
        new java.time.Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
          }

          @Override
          public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public java.time.Instant instant() {
            return now.get();
          }
        };
    // Every model turn takes 20 minutes of wall time.
    java.util.function.Supplier<ScriptedModelClient> slow =
        () ->
            ScriptedModelClient.builder()
                .turn(
                    request -> {
                      now.set(now.get().plus(Duration.ofMinutes(20)));
                      return new dev.colony.core.model.ModelResponse(
                          new dev.colony.core.model.Message.Assistant(
                              null,
                              java.util.List.of(
                                  new dev.colony.core.tool.ToolCall(
                                      "c1", "get_order", "{\"order_id\":\"1\"}"))),
                          dev.colony.core.model.Usage.ZERO,
                          "scripted");
                    })
                .turn(
                    request -> {
                      now.set(now.get().plus(Duration.ofMinutes(20)));
                      return new dev.colony.core.model.ModelResponse(
                          dev.colony.core.model.Message.Assistant.text("done"),
                          dev.colony.core.model.Usage.ZERO,
                          "scripted");
                    })
                .build();
    fx.model("orders", slow.get());
    var runtime =
        fx.runtime()
            .clock(clock)
            .tools(tools)
            .agent(agent("orders", "get_order"))
            .gate(
                g ->
                    g.quotas(
                        usage,
                        Quota.tenant(Duration.ofHours(24), Long.MAX_VALUE, Long.MAX_VALUE, 1_000)
                            .withMaxBusyTime(Duration.ofMinutes(30))))
            .build();

    var first = runtime.start("orders", ENVELOPE, "order 1");
    fx.model("orders", slow.get());
    var second = runtime.start("orders", ENVELOPE, "order 1 again");

    assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(
            usage.since(Fixture.TENANT, null, now.get().minus(Duration.ofHours(24))).busyMillis())
        .isEqualTo(Duration.ofMinutes(40).toMillis());
    assertThat(second.status()).isEqualTo(RunStatus.FAILED);
    assertThat(second.error())
        .isEqualTo(
            "budget exceeded: tenant budget of PT30M of wall time per PT24H is used up (PT40M"
                + " used)");
  }
}
