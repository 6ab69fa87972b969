package dev.colony.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.agent.SkillSpec;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example in {@link OfflinePlanner}'s Javadoc, kept compiling and working. */
class WorkedExampleTests {
  @Test
  void javadocExampleRefundsTheDuplicateCharge() {
    // Copied from the class Javadoc of OfflinePlanner; keep the two in step.
    var skill =
        new SkillSpec(
            "refund-duplicate",
            "Refund a duplicate charge",
            "Refund a customer who was charged more than once for an order",
            List.of("payments"),
            List.of("I was charged twice for my order", "refund the double payment"));
    var plan =
        SkillPlan.builder(skill)
            .extractor(Extractor.regex("order_id", "order\\s*#?\\s*(\\d+)"))
            .step(PlanStep.call("list_charges", s -> Map.of("order_id", s.param("order_id"))))
            .step(
                s ->
                    s.latest("list_charges")
                        .filter(e -> !e.error() && e.result().path("charges").size() > 1)
                        .map(
                            e ->
                                List.of(
                                    PlannedCall.of(
                                        "refund_charge",
                                        Map.of(
                                            "charge_id",
                                            e.result()
                                                .path("charges")
                                                .get(1)
                                                .path("id")
                                                .asText()))))
                        .orElse(List.of()))
            .answer(
                s ->
                    s.latest("refund_charge")
                        .filter(e -> !e.error())
                        .map(
                            e ->
                                "Refunded the duplicate charge on order "
                                    + s.param("order_id")
                                    + ".")
                        .orElseGet(() -> SkillPlan.defaultAnswer(s)))
            .build();
    ModelClient planner = OfflinePlanner.builder().skill("payments", plan).build();

    var tools = RetailSkills.tools("list_charges", "refund_charge");
    var chat = Chat.of("Hello, I paid twice for order #1001");
    chat.answer(
        planner.chat(new ModelRequest("payments", chat.messages(), tools)).message(),
        Map.of("list_charges", "{\"charges\":[{\"id\":\"ch_1\"},{\"id\":\"ch_2\"}]}"));
    chat.answer(
        planner.chat(new ModelRequest("payments", chat.messages(), tools)).message(),
        Map.of("refund_charge", "{\"refund\":\"re_1\"}"));

    assertThat(planner.chat(new ModelRequest("payments", chat.messages(), tools)).message().text())
        .isEqualTo("Refunded the duplicate charge on order 1001.");
  }
}
