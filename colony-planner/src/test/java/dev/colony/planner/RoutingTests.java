package dev.colony.planner;

import static dev.colony.planner.RetailSkills.AGENT;
import static dev.colony.planner.RetailSkills.ALL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.model.Message;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Routing with the real all-MiniLM-L6-v2 model. */
class RoutingTests {
  /** Each skill answers with its own id, so the answer shows where a request was routed. */
  private static final OfflinePlanner PLANNER = planner(OfflinePlanner.DEFAULT_THRESHOLD);

  private static OfflinePlanner planner(double threshold) {
    var builder = OfflinePlanner.builder().threshold(threshold);
    for (var skill : ALL) {
      builder.skill(AGENT, SkillPlan.builder(skill).answer(s -> "skill:" + s.skill().id()).build());
    }
    return builder.build();
  }

  private static String answer(OfflinePlanner planner, String agent, String task) {
    var request = new ModelRequest(agent, Chat.of(task).messages(), List.of());
    return planner.chat(request).message().text();
  }

  @ParameterizedTest(name = "\"{0}\" goes to {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I was charged twice for order 1001 | billing",
        "my card got billed two times for the same purchase | billing",
        "why did you take money from my account twice | billing",
        "one of my items never arrived, I need it tomorrow | delivery",
        "my parcel was supposed to come last week and still isn't here | delivery",
        "the parcel tracking hasn't updated in days | delivery",
        "is the kettle back in stock? | stock",
        "I forgot my password | account",
        "I want to update the e-mail address on my profile | account",
      })
  void paraphrasedRequestIsRoutedToTheSkillItDescribes(String task, String skill) {
    assertThat(answer(PLANNER, AGENT, task)).isEqualTo("skill:" + skill);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "write me a poem about the sea",
        "who won the football match last night",
        "translate this sentence into French",
        "asdf qwerty",
      })
  void unrelatedRequestIsAnsweredWithTheDeclaredSkills(String task) {
    assertThat(answer(PLANNER, AGENT, task))
        .startsWith("No declared skill of agent 'support' matches this request")
        .contains("below the threshold 0.37")
        .contains("billing (", "delivery (", "stock (", "account (");
  }

  @Test
  void higherThresholdTurnsAWeakMatchIntoNoMatch() {
    var strict = planner(0.9);

    assertThat(answer(strict, AGENT, "my card got billed two times for the same purchase"))
        .startsWith("No declared skill")
        .contains("the closest, 'billing'");
  }

  @Test
  void agentWithoutDeclaredSkillsIsToldSo() {
    assertThat(answer(PLANNER, "inventory", "is the kettle in stock?"))
        .isEqualTo("The offline planner has no skills declared for agent 'inventory'.");
  }

  @Test
  void conversationWithoutUserMessageGetsAnExplanation() {
    var request =
        new ModelRequest(AGENT, List.of(new Message.System("You are support.")), List.of());

    assertThat(PLANNER.chat(request).message().text()).contains("needs a user message");
  }

  @Test
  void responsesSayTheyComeFromTheOfflinePlannerAndCostNoTokens() {
    var response =
        PLANNER.chat(
            new ModelRequest(AGENT, Chat.of("I forgot my password").messages(), List.of()));

    assertThat(PLANNER.name()).isEqualTo("offline-planner");
    assertThat(response.model()).isEqualTo("offline-planner (deterministic, not an LLM)");
    assertThat(response.usage()).isEqualTo(Usage.ZERO);
  }

  @Test
  void oversizedRequestIsEmbeddedOnlyUpToItsFirst2000Characters() {
    var longest = new java.util.concurrent.atomic.AtomicInteger();
    Embedder recording =
        text -> {
          longest.accumulateAndGet(text.length(), Math::max);
          return new float[] {1, 0};
        };
    var planner =
        OfflinePlanner.builder()
            .embedder(recording)
            .skill(AGENT, SkillPlan.builder(RetailSkills.STOCK).answer(s -> "routed").build())
            .build();

    var answer = answer(planner, AGENT, "is the kettle in stock? " + "x".repeat(5_000_000));

    assertThat(answer).isEqualTo("routed");
    assertThat(longest.get()).isEqualTo(2_000);
  }

  @Test
  void routingReadsOnlyTheFirstUserMessage() {
    var messages =
        Chat.of("I forgot my password")
            .add(Message.Assistant.text("skill:account"))
            .add(new Message.User("also, one of my items never arrived"))
            .messages();

    assertThat(PLANNER.chat(new ModelRequest(AGENT, messages, List.of())).message().text())
        .isEqualTo("skill:account");
  }
}
