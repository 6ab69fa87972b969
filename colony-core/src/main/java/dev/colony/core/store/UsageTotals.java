package dev.colony.core.store;

/**
 * Usage added up over a window.
 *
 * @param tokens model input plus output tokens
 * @param costMicros model cost in millionths of the node's currency unit
 * @param toolCalls tool calls executed
 */
public record UsageTotals(long tokens, long costMicros, long toolCalls) {
  public static final UsageTotals ZERO = new UsageTotals(0, 0, 0);

  public UsageTotals {
    if (tokens < 0 || costMicros < 0 || toolCalls < 0) {
      throw new IllegalArgumentException("usage totals must not be negative");
    }
  }

  public UsageTotals plus(UsageTotals other) {
    return new UsageTotals(
        tokens + other.tokens, costMicros + other.costMicros, toolCalls + other.toolCalls);
  }
}
