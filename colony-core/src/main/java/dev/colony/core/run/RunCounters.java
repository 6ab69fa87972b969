package dev.colony.core.run;

import dev.colony.core.model.Usage;
import java.util.Objects;

/**
 * What a run has used so far, checked against its budget.
 *
 * @param steps model turns taken
 * @param usage tokens used
 * @param toolCalls tool calls made
 */
public record RunCounters(int steps, Usage usage, int toolCalls) {
  public static final RunCounters ZERO = new RunCounters(0, Usage.ZERO, 0);

  public RunCounters {
    Objects.requireNonNull(usage, "usage");
  }

  public RunCounters afterTurn(Usage turn) {
    return new RunCounters(steps + 1, usage.plus(turn), toolCalls);
  }

  public RunCounters afterToolCalls(int calls) {
    return new RunCounters(steps, usage, toolCalls + calls);
  }
}
