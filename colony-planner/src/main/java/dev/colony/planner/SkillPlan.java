package dev.colony.planner;

import dev.colony.core.InvalidInput;
import dev.colony.core.agent.SkillSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the offline planner carries out one of an agent's skills: the skill it answers (routed to by
 * its description and examples), the parameters to extract, the tool-call steps, and the final
 * answer.
 *
 * <p>Immutable and thread-safe if its steps and answer function are. See {@link OfflinePlanner} for
 * an example.
 */
public final class SkillPlan {
  private final SkillSpec skill;
  private final List<Extractor> extractors;
  private final List<PlanStep> steps;
  private final Function<PlanState, String> answer;

  private SkillPlan(Builder b) {
    this.skill = b.skill;
    this.extractors = List.copyOf(b.extractors);
    this.steps = List.copyOf(b.steps);
    this.answer = b.answer;
  }

  /** A plan for {@code skill}; its description and examples are what requests are routed by. */
  public static Builder builder(SkillSpec skill) {
    return new Builder(skill);
  }

  public SkillSpec skill() {
    return skill;
  }

  public List<Extractor> extractors() {
    return extractors;
  }

  public List<PlanStep> steps() {
    return steps;
  }

  /** Builds the final text once every step has run or been skipped. */
  public Function<PlanState, String> answer() {
    return answer;
  }

  /**
   * The answer used when a plan declares none: which tools were called and which calls failed, with
   * their errors.
   */
  public static String defaultAnswer(PlanState state) {
    var text = new StringBuilder("Offline planner, skill '").append(state.skill().id()).append("'");
    if (state.exchanges().isEmpty()) {
      return text.append(": done, no tool calls were needed.").toString();
    }
    text.append(": called ")
        .append(
            state.exchanges().stream().map(ToolExchange::tool).collect(Collectors.joining(", ")))
        .append('.');
    List<ToolExchange> failures = state.failures();
    if (failures.isEmpty()) {
      return text.append(" All calls succeeded.").toString();
    }
    text.append(' ')
        .append(failures.size())
        .append(failures.size() == 1 ? " call failed: " : " calls failed: ")
        .append(
            failures.stream()
                .map(f -> f.tool() + " (" + f.errorMessage() + ")")
                .collect(Collectors.joining("; ")))
        .append('.');
    return text.toString();
  }

  @Override
  public String toString() {
    return "SkillPlan[" + skill.id() + ", " + steps.size() + " steps]";
  }

  /** Builds a {@link SkillPlan}; validated in {@link #build()}. */
  public static final class Builder {
    private final SkillSpec skill;
    private final List<Extractor> extractors = new ArrayList<>();
    private final List<PlanStep> steps = new ArrayList<>();
    private Function<PlanState, String> answer = SkillPlan::defaultAnswer;

    private Builder(SkillSpec skill) {
      this.skill = Objects.requireNonNull(skill, "skill");
    }

    /** Declares a parameter to extract from the request before any step runs. */
    public Builder extractor(Extractor extractor) {
      extractors.add(Objects.requireNonNull(extractor, "extractor"));
      return this;
    }

    /** Appends a step; steps run in the order they are added, one model turn each. */
    public Builder step(PlanStep step) {
      steps.add(Objects.requireNonNull(step, "step"));
      return this;
    }

    /** How to word the final answer; defaults to {@link SkillPlan#defaultAnswer}. */
    public Builder answer(Function<PlanState, String> answer) {
      this.answer = Objects.requireNonNull(answer, "answer");
      return this;
    }

    /**
     * Builds the plan.
     *
     * @throws InvalidInput if the skill has neither a description nor an example to route by, or
     *     two extractors share a name
     */
    public SkillPlan build() {
      String where = "skill '" + skill.id() + "'";
      if (skill.description().isBlank() && skill.examples().stream().allMatch(String::isBlank)) {
        throw new InvalidInput(where, "needs a description or an example to route requests by");
      }
      var names = new HashSet<String>();
      for (Extractor e : extractors) {
        if (!names.add(e.name())) {
          throw new InvalidInput(where, "declares extractor '" + e.name() + "' twice");
        }
      }
      return new SkillPlan(this);
    }
  }
}
