package dev.colony.runtime;

import static dev.colony.runtime.Fixture.ENVELOPE;
import static dev.colony.runtime.Fixture.agent;
import static dev.colony.testing.ScriptedModelClient.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.Decision;
import dev.colony.core.model.Message;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunStatus;
import dev.colony.testing.ScriptedModelClient;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AgentLoopTests {
  final Fixture fx = new Fixture();
  final SampleTools tools = new SampleTools();

  @Test
  void toolResultsAreFedBackAndTheRunCompletesWithTheModelsAnswer() {
    var model =
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"1001\"}"))
            .answer("Order 1001 has a lamp and a scarf.")
            .build();
    fx.model("orders", model);
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    var run = runtime.start("orders", ENVELOPE, "What is in order 1001?");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.output()).isEqualTo("Order 1001 has a lamp and a scarf.");
    var secondTurn = model.requests().get(1).messages();
    assertThat(secondTurn.getLast())
        .isInstanceOfSatisfying(
            Message.ToolResultMessage.class,
            m -> assertThat(m.result().content()).contains("\"items\":[\"lamp\",\"scarf\"]"));
  }

  @Test
  void everyStepOfARunIsAnEventInOrder() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"1001\"}"))
            .answer("done")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    runtime.start("orders", ENVELOPE, "order 1001");

    assertThat(fx.events.events())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly(
            "Started", "ModelTurn", "GateDecided", "ToolFinished", "ModelTurn", "Completed");
    var decided = fx.events.events(RunEvent.GateDecided.class).getFirst();
    assertThat(decided.decision()).isInstanceOf(Decision.Allow.class);
    assertThat(decided.decision().policies()).containsExactly("tier:READ");
  }

  @Test
  void independentCallsOfOneTurnRunInParallel() {
    tools.rendezvous = new CountDownLatch(2);
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(
                call("a", "wait_for_peer", "{\"name\":\"a\"}"),
                call("b", "wait_for_peer", "{\"name\":\"b\"}"))
            .answer("both met")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "wait_for_peer")).build();

    var run = runtime.start("orders", ENVELOPE, "meet");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(fx.events.events(RunEvent.ToolFinished.class))
        .allSatisfy(e -> assertThat(e.result().error()).isFalse());
  }

  @Test
  void aToolFailureIsFedBackAsAnErrorAndTheRunContinues() {
    var model =
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"404\"}"))
            .answer("That order does not exist.")
            .build();
    fx.model("orders", model);
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    var run = runtime.start("orders", ENVELOPE, "order 404");

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    var result = fx.events.events(RunEvent.ToolFinished.class).getFirst().result();
    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("order 404 does not exist");
  }

  @Test
  void theStepBudgetEndsARunThatNeverAnswers() {
    var looping = ScriptedModelClient.builder();
    for (int i = 0; i < 5; i++) {
      looping.callTools(call("c" + i, "get_order", "{\"order_id\":\"1\"}"));
    }
    fx.model("orders", looping.build());
    var spec =
        dev.colony.core.agent.AgentSpec.builder("orders")
            .tools("get_order")
            .budget(Budget.DEFAULT.withMaxSteps(3))
            .build();
    var runtime = fx.runtime().tools(tools).agent(spec).build();

    var run = runtime.start("orders", ENVELOPE, "loop");

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains("budget exceeded").contains("3 model turns");
    assertThat(tools.count("get_order")).isEqualTo(3);
  }

  @Test
  void theToolCallBudgetRefusesCallsBeyondIt() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(
                call("a", "get_order", "{\"order_id\":\"1\"}"),
                call("b", "get_order", "{\"order_id\":\"2\"}"))
            .answer("done")
            .build());
    var spec =
        dev.colony.core.agent.AgentSpec.builder("orders")
            .tools("get_order")
            .budget(Budget.DEFAULT.withMaxToolCalls(1))
            .build();
    var runtime = fx.runtime().tools(tools).agent(spec).build();

    runtime.start("orders", ENVELOPE, "two orders");

    assertThat(tools.count("get_order")).isEqualTo(1);
    assertThat(fx.events.events(RunEvent.ToolFinished.class))
        .anySatisfy(e -> assertThat(e.result().content()).contains("tool-call budget of 1"));
  }

  @Test
  void aRetryableModelFailureIsRetriedAndAPermanentOneFailsTheRunCleanly() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .turn(
                r -> {
                  throw new dev.colony.core.model.ModelFailure("rate limited", true);
                })
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    var run = runtime.start("orders", ENVELOPE, "hello");

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).contains("failed after 3 attempt(s)").contains("rate limited");
    assertThat(fx.events.events(RunEvent.Failed.class)).hasSize(1);
  }

  @Test
  void startingAnUnknownAgentOrWithABlankRequestIsRefusedAndStoresNothing() {
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    assertThatThrownBy(() -> runtime.start("nobody", ENVELOPE, "hi"))
        .isInstanceOf(NotFound.class)
        .hasMessage("agent 'nobody' not found");
    assertThatThrownBy(() -> runtime.start("orders", ENVELOPE, "  "))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("input: must not be blank");
    assertThat(runtime.runs(Fixture.TENANT, null, 10)).isEmpty();
  }

  @Test
  void anAgentNamingAToolNobodyProvidesIsRefusedAtBuildTime() {
    assertThatThrownBy(() -> fx.runtime().tools(tools).agent(agent("orders", "teleport")).build())
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("names tool 'teleport', which no registered tool or agent provides");
  }

  @Test
  void aRunIsCheckpointedAfterEveryModelTurnAndEveryToolBatch() {
    fx.model(
        "orders",
        ScriptedModelClient.builder()
            .callTools(call("c1", "get_order", "{\"order_id\":\"1\"}"))
            .answer("done")
            .build());
    var runtime = fx.runtime().tools(tools).agent(agent("orders", "get_order")).build();

    var run = runtime.start("orders", ENVELOPE, "order 1");

    // initial, turn 1, tool batch, turn 2
    assertThat(fx.runs.checkpointCount(Fixture.TENANT, run.id())).isEqualTo(4);
  }
}
