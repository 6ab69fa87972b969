package dev.colony.core.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that end a run: model turns, tokens, tool calls, wall time and cost.
 *
 * @param maxSteps model turns
 * @param maxTokens input plus output tokens across all turns
 * @param maxToolCalls tool calls across all turns
 * @param maxWallTime from the run's start to its end, pauses for approval included
 * @param maxCostMicros model cost in millionths of the node's currency unit; {@link Long#MAX_VALUE}
 *     for no limit
 */
public record Budget(
    int maxSteps, long maxTokens, int maxToolCalls, Duration maxWallTime, long maxCostMicros) {
  public static final Budget DEFAULT = new Budget(25, 200_000, 100, Duration.ofHours(24));

  /** A budget with no cost limit. */
  public Budget(int maxSteps, long maxTokens, int maxToolCalls, Duration maxWallTime) {
    this(maxSteps, maxTokens, maxToolCalls, maxWallTime, Long.MAX_VALUE);
  }

  public Budget {
    Objects.requireNonNull(maxWallTime, "maxWallTime");
    if (maxSteps < 1) {
      throw new IllegalArgumentException("budget.maxSteps must be at least 1, got " + maxSteps);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("budget.maxTokens must be at least 1, got " + maxTokens);
    }
    if (maxToolCalls < 0) {
      throw new IllegalArgumentException(
          "budget.maxToolCalls must not be negative, got " + maxToolCalls);
    }
    if (maxWallTime.isNegative() || maxWallTime.isZero()) {
      throw new IllegalArgumentException("budget.maxWallTime must be positive, got " + maxWallTime);
    }
    if (maxCostMicros < 0) {
      throw new IllegalArgumentException(
          "budget.maxCostMicros must not be negative, got " + maxCostMicros);
    }
  }

  public Budget withMaxSteps(int steps) {
    return new Budget(steps, maxTokens, maxToolCalls, maxWallTime, maxCostMicros);
  }

  public Budget withMaxTokens(long tokens) {
    return new Budget(maxSteps, tokens, maxToolCalls, maxWallTime, maxCostMicros);
  }

  public Budget withMaxToolCalls(int calls) {
    return new Budget(maxSteps, maxTokens, calls, maxWallTime, maxCostMicros);
  }

  public Budget withMaxWallTime(Duration wallTime) {
    return new Budget(maxSteps, maxTokens, maxToolCalls, wallTime, maxCostMicros);
  }

  public Budget withMaxCostMicros(long costMicros) {
    return new Budget(maxSteps, maxTokens, maxToolCalls, maxWallTime, costMicros);
  }
}
