package dev.colony.core.store;

/**
 * Usage added up over a window.
 *
 * @param tokens model input plus output tokens
 * @param costMicros model cost in millionths of the node's currency unit
 * @param toolCalls tool calls executed
 * @param busyMillis wall time spent waiting on model turns and running tool calls, in milliseconds
 */
public record UsageTotals(long tokens, long costMicros, long toolCalls, long busyMillis) {
  public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0);

  /** Totals without wall time. */
  public UsageTotals(long tokens, long costMicros, long toolCalls) {
    this(tokens, costMicros, toolCalls, 0);
  }

  public UsageTotals {
    if (tokens < 0 || costMicros < 0 || toolCalls < 0 || busyMillis < 0) {
      throw new IllegalArgumentException("usage totals must not be negative");
    }
  }

  public UsageTotals plus(UsageTotals other) {
    return new UsageTotals(
        tokens + other.tokens,
        costMicros + other.costMicros,
        toolCalls + other.toolCalls,
        busyMillis + other.busyMillis);
  }
}
