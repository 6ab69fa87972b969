package dev.colony.planner;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One step of a {@link SkillPlan}: the tool calls to make given what is known so far.
 *
 * <p>A step returns its calls for one model turn (several calls run in parallel), or an empty list
 * to be skipped. Steps must be pure functions of the {@link PlanState}: the planner re-evaluates
 * them on every turn to find where the run is (see {@link OfflinePlanner}).
 */
@FunctionalInterface
public interface PlanStep {
  /** The calls for this step; empty to skip it. */
  List<PlannedCall> calls(PlanState state);

  /** A step that makes one call, with arguments computed from the state. */
  static PlanStep call(String tool, Function<PlanState, ?> arguments) {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    return state -> List.of(new PlannedCall(tool, arguments.apply(state)));
  }

  /** This step when {@code condition} holds, otherwise skipped. */
  default PlanStep onlyIf(Predicate<PlanState> condition) {
    Objects.requireNonNull(condition, "condition");
    return state -> condition.test(state) ? calls(state) : List.of();
  }
}
