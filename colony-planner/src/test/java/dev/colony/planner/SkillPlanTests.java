package dev.colony.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.agent.SkillSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plan and planner configuration, checked when built; none of this loads the model. */
class SkillPlanTests {
  @Test
  void skillWithNothingToRouteByIsRejected() {
    var blank = new SkillSpec("blank", "Blank", " ", List.of(), List.of(""));

    assertThatThrownBy(() -> SkillPlan.builder(blank).build())
        .isInstanceOf(InvalidInput.class)
        .hasMessage("skill 'blank': needs a description or an example to route requests by");
  }

  @Test
  void extractorDeclaredTwiceIsRejected() {
    var builder =
        SkillPlan.builder(RetailSkills.BILLING)
            .extractor(RetailSkills.ORDER_ID)
            .extractor(Extractor.literal("order_id", "1"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidInput.class)
        .hasMessage("skill 'billing': declares extractor 'order_id' twice");
  }

  @Test
  void skillDeclaredTwiceForOneAgentIsRejected() {
    var plan = SkillPlan.builder(RetailSkills.BILLING).build();
    var builder = OfflinePlanner.builder().skill("support", plan).skill("support", plan);

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidInput.class)
        .hasMessage("agent 'support': declares skill 'billing' twice");
  }

  @Test
  void sameSkillMayServeTwoAgents() {
    var plan = SkillPlan.builder(RetailSkills.BILLING).build();

    assertThat(OfflinePlanner.builder().skill("a", plan).skill("b", plan).build().name())
        .isEqualTo("offline-planner");
  }

  @Test
  void thresholdOutsideZeroToOneIsRejected() {
    assertThatThrownBy(() -> OfflinePlanner.builder().threshold(1.5).build())
        .isInstanceOf(InvalidInput.class)
        .hasMessage("threshold: must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> OfflinePlanner.builder().threshold(Double.NaN).build())
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void defaultAnswerWithoutCallsSaysNoneWereNeeded() {
    var state = new PlanState(RetailSkills.STOCK, "is it in stock", java.util.Map.of(), List.of());

    assertThat(SkillPlan.defaultAnswer(state))
        .isEqualTo("Offline planner, skill 'stock': done, no tool calls were needed.");
  }

  @Test
  void paramThatWasNotExtractedIsReportedWithTheExtractedNames() {
    var state =
        new PlanState(RetailSkills.BILLING, "t", java.util.Map.of("order_id", "1"), List.of());

    assertThatThrownBy(() -> state.param("shipping"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter 'shipping' was not extracted; extracted: [order_id]");
  }
}
