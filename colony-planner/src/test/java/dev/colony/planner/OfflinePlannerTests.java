package dev.colony.planner;

import static dev.colony.planner.RetailSkills.tools;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.model.Message;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Driving skill plans turn by turn, with the real all-MiniLM-L6-v2 model for routing. */
class OfflinePlannerTests {
  private static final OfflinePlanner PLANNER = RetailSkills.planner();

  private static final List<ToolSpec> DELIVERY_TOOLS =
      tools("get_order", "get_shipments", "reship_item");
  private static final List<ToolSpec> BILLING_TOOLS = tools("list_charges", "refund_charge");

  private static final String MISSING =
      "One of the items of order 1001 never arrived, I need it tomorrow";
  private static final String CHARGED = "I was charged twice for order 1001";

  private static final String ORDER =
      "{\"order_id\":\"1001\",\"items\":[{\"sku\":\"KETTLE-1\"},{\"sku\":\"MUG-2\"}]}";
  private static final String SHIPMENTS = "{\"delivered\":[\"KETTLE-1\"]}";
  private static final String TWO_CHARGES =
      "{\"charges\":[{\"id\":\"ch_1\",\"amount\":40},{\"id\":\"ch_2\",\"amount\":40}]}";

  private static Message.Assistant turn(Chat chat, List<ToolSpec> tools) {
    return PLANNER.chat(chat.request(tools)).message();
  }

  /** The delivery conversation after its first turn's results. */
  private static Chat afterLookups(String task) {
    var chat = Chat.of(task);
    return chat.answer(
        turn(chat, DELIVERY_TOOLS), Map.of("get_order", ORDER, "get_shipments", SHIPMENTS));
  }

  @Test
  void stepWithTwoCallsAsksForBothInOneTurn() {
    var first = turn(Chat.of(MISSING), DELIVERY_TOOLS);

    assertThat(first.text()).isNull();
    assertThat(first.toolCalls())
        .containsExactly(
            new ToolCall("call-1-1", "get_order", "{\"order_id\":\"1001\"}"),
            new ToolCall("call-1-2", "get_shipments", "{\"order_id\":\"1001\"}"));
  }

  @Test
  void extractedOrderIdAndShippingSpeedReachTheToolArgumentsWithSortedKeys() {
    var second = turn(afterLookups(MISSING), DELIVERY_TOOLS);

    assertThat(second.toolCalls())
        .containsExactly(
            new ToolCall(
                "call-2-1",
                "reship_item",
                "{\"order_id\":\"1001\",\"shipping\":\"next_day\",\"sku\":\"MUG-2\"}"));
  }

  @Test
  void shippingSpeedDefaultsToStandardWhenTheRequestDoesNotSay() {
    var second = turn(afterLookups("One of the items of order 1001 never arrived"), DELIVERY_TOOLS);

    assertThat(second.toolCalls().get(0).arguments()).contains("\"shipping\":\"standard\"");
  }

  @Test
  void multiStepPlanRunsTurnByTurnToAFinalAnswer() {
    var chat = afterLookups(MISSING);
    chat.answer(turn(chat, DELIVERY_TOOLS), Map.of("reship_item", "{\"shipment_id\":\"sh-9\"}"));

    var last = turn(chat, DELIVERY_TOOLS);

    assertThat(last.callsTools()).isFalse();
    assertThat(last.text()).isEqualTo("Reshipped MUG-2 with next_day shipping.");
  }

  @Test
  void recomputingFromACheckpointGivesTheSameNextTurn() {
    List<Message> checkpoint = List.copyOf(afterLookups(MISSING).messages());
    var request = new ModelRequest(RetailSkills.AGENT, checkpoint, DELIVERY_TOOLS);

    ModelResponse here = PLANNER.chat(request);
    ModelResponse afterRestart = RetailSkills.planner().chat(request);

    assertThat(afterRestart).isEqualTo(here);
    assertThat(PLANNER.chat(request)).isEqualTo(here);
    assertThat(here.message().toolCalls()).extracting(ToolCall::id).containsExactly("call-2-1");
  }

  @Test
  void skippedStepIsSkippedAgainWhenTheRunIsRecomputed() {
    // Step 2 would run if evaluated with the final state; it was skipped when its turn came.
    var plan =
        SkillPlan.builder(RetailSkills.DELIVERY)
            .step(PlanStep.call("get_order", s -> Map.of()))
            .step(
                PlanStep.call("reship_item", s -> Map.of())
                    .onlyIf(s -> s.latest("get_shipments").isPresent()))
            .step(PlanStep.call("get_shipments", s -> Map.of()))
            .build();
    var planner = OfflinePlanner.builder().skill(RetailSkills.AGENT, plan).build();
    var chat = Chat.of(MISSING);
    chat.answer(planner.chat(chat.request(DELIVERY_TOOLS)).message(), Map.of("get_order", ORDER));
    var second = planner.chat(chat.request(DELIVERY_TOOLS)).message();
    chat.answer(second, Map.of("get_shipments", SHIPMENTS));

    var third = planner.chat(chat.request(DELIVERY_TOOLS)).message();

    assertThat(second.toolCalls()).extracting(ToolCall::name).containsExactly("get_shipments");
    assertThat(third.text())
        .isEqualTo(
            "Offline planner, skill 'delivery': called get_order, get_shipments."
                + " All calls succeeded.");
  }

  @Test
  void missingRequiredParameterIsAskedForByName() {
    var reply = turn(Chat.of("I was charged twice"), BILLING_TOOLS);

    assertThat(reply.callsTools()).isFalse();
    assertThat(reply.text())
        .isEqualTo(
            "To handle this as 'Billing' I need the parameter 'order_id', which I could not"
                + " find in the request. Please say it.");
  }

  @Test
  void laterUserMessageCanSupplyTheMissingParameter() {
    var chat = Chat.of("I was charged twice");
    chat.add(turn(chat, BILLING_TOOLS)).add(new Message.User("It is order 1001."));

    assertThat(turn(chat, BILLING_TOOLS).toolCalls())
        .containsExactly(new ToolCall("call-1-1", "list_charges", "{\"order_id\":\"1001\"}"));
  }

  @Test
  void toolThatIsNotOfferedIsNamedInsteadOfCalled() {
    var reply = turn(Chat.of(MISSING), tools("get_order", "reship_item"));

    assertThat(reply.callsTools()).isFalse();
    assertThat(reply.text())
        .isEqualTo(
            "Skill 'delivery' needs the tool 'get_shipments', which is not offered to agent"
                + " 'support' in this run (offered: get_order, reship_item). The offline planner"
                + " did not call it.");
  }

  @Test
  void deniedApprovalIsVisibleToThePlanAndInItsAnswer() {
    var chat = Chat.of(CHARGED);
    chat.answer(turn(chat, BILLING_TOOLS), Map.of("list_charges", TWO_CHARGES));
    var refund = turn(chat, BILLING_TOOLS);
    chat.answer(
        refund,
        Map.of(
            "refund_charge", Chat.denied("call-2-1", "refund_charge", "approval denied by alice")));

    assertThat(refund.toolCalls())
        .containsExactly(new ToolCall("call-2-1", "refund_charge", "{\"charge_id\":\"ch_2\"}"));
    assertThat(turn(chat, BILLING_TOOLS).text())
        .isEqualTo("The refund was not made: approval denied by alice");
  }

  @Test
  void failedLookupSkipsTheStepThatDependsOnItAndTheDefaultAnswerReportsIt() {
    var chat = Chat.of(CHARGED);
    chat.answer(
        turn(chat, BILLING_TOOLS),
        Map.of("list_charges", Chat.denied("call-1-1", "list_charges", "denied by policy p1")));

    assertThat(turn(chat, BILLING_TOOLS).text())
        .isEqualTo(
            "Offline planner, skill 'billing': called list_charges. 1 call failed:"
                + " list_charges (denied by policy p1).");
  }

  @Test
  void conversationThatDoesNotMatchThePlanIsReportedNotGuessed() {
    var chat = Chat.of(CHARGED);
    chat.answer(
        new Message.Assistant(null, List.of(new ToolCall("x-1", "get_order", "{}"))),
        Map.of("get_order", ORDER));

    assertThat(turn(chat, BILLING_TOOLS).text())
        .isEqualTo(
            "The offline planner cannot continue skill 'billing': tool-call turn 1 of the"
                + " conversation called [get_order] but step 1 calls [list_charges]. The"
                + " conversation does not match the plan (was the plan changed?).");
  }

  @Test
  void concurrentTurnsOnTheSameConversationAgree() throws Exception {
    var request = afterLookups(MISSING).request(DELIVERY_TOOLS);
    var expected = PLANNER.chat(request);
    var answers = new ArrayList<Future<ModelResponse>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        answers.add(executor.submit(() -> RetailSkills.planner().chat(request)));
        answers.add(executor.submit(() -> PLANNER.chat(request)));
      }
    }
    for (var answer : answers) {
      assertThat(answer.get()).isEqualTo(expected);
    }
  }

  @Test
  void stepThatThrowsFailsTheTurnWithoutRetry() {
    var plan =
        SkillPlan.builder(RetailSkills.DELIVERY)
            .step(
                s -> {
                  throw new IllegalStateException("no such field");
                })
            .build();
    var planner = OfflinePlanner.builder().skill(RetailSkills.AGENT, plan).build();

    assertThatThrownBy(() -> planner.chat(Chat.of(MISSING).request(DELIVERY_TOOLS)))
        .isInstanceOfSatisfying(ModelFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("skill 'delivery': step 1 failed")
        .hasMessageContaining("no such field");
  }

  @Test
  void argumentsThatAreNotAJsonObjectFailTheTurn() {
    var plan =
        SkillPlan.builder(RetailSkills.DELIVERY)
            .step(PlanStep.call("get_order", s -> "1001"))
            .build();
    var planner = OfflinePlanner.builder().skill(RetailSkills.AGENT, plan).build();

    assertThatThrownBy(() -> planner.chat(Chat.of(MISSING).request(DELIVERY_TOOLS)))
        .isInstanceOf(ModelFailure.class)
        .hasMessageContaining("arguments of get_order failed")
        .hasMessageContaining("must be written as a JSON object, got STRING");
  }
}
