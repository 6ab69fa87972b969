package dev.colony.core.run;

import dev.colony.core.model.Usage;
import java.util.Objects;

/**
 * What a run has used so far, checked against its budget.
 *
 * @param steps model turns taken
 * @param usage tokens used
 * @param toolCalls tool calls made
 * @param costMicros model cost so far, in millionths of the node's currency unit
 */
public record RunCounters(int steps, Usage usage, int toolCalls, long costMicros) {
  public static final RunCounters ZERO = new RunCounters(0, Usage.ZERO, 0, 0);

  public RunCounters {
    Objects.requireNonNull(usage, "usage");
  }

  /** Counters with no cost recorded. */
  public RunCounters(int steps, Usage usage, int toolCalls) {
    this(steps, usage, toolCalls, 0);
  }

  public RunCounters afterTurn(Usage turn, long turnCostMicros) {
    return new RunCounters(steps + 1, usage.plus(turn), toolCalls, costMicros + turnCostMicros);
  }

  public RunCounters afterToolCalls(int calls) {
    return new RunCounters(steps, usage, toolCalls + calls, costMicros);
  }
}
