package dev.colony.runtime.gate;

import java.time.Duration;
import java.util.Objects;

/**
 * A budget that spans runs: what one agent, or a whole tenant, may use within a rolling window.
 *
 * @param agent the agent it limits, or {@code null} for every agent of a tenant together
 * @param window how far back usage counts (whole hours)
 * @param maxTokens model tokens, {@link Long#MAX_VALUE} for no limit
 * @param maxCostMicros model cost in millionths of the node's currency unit
 * @param maxToolCalls tool calls executed
 * @param maxBusyTime wall time spent waiting on model turns and running tool calls, {@link
 *     #NO_TIME_LIMIT} for no limit
 */
public record Quota(
    String agent,
    Duration window,
    long maxTokens,
    long maxCostMicros,
    long maxToolCalls,
    Duration maxBusyTime) {
  /** No limit on wall time. */
  public static final Duration NO_TIME_LIMIT = Duration.ofMillis(Long.MAX_VALUE);

  public Quota {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(maxBusyTime, "maxBusyTime");
    if (maxBusyTime.isNegative()) {
      throw new IllegalArgumentException("quota wall time must not be negative");
    }
    if (window.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("quota window must be at least one hour, got " + window);
    }
    if (maxTokens < 0 || maxCostMicros < 0 || maxToolCalls < 0) {
      throw new IllegalArgumentException("quota limits must not be negative");
    }
  }

  /** A quota for every agent of a tenant together. */
  public static Quota tenant(
      Duration window, long maxTokens, long maxCostMicros, long maxToolCalls) {
    return new Quota(null, window, maxTokens, maxCostMicros, maxToolCalls, NO_TIME_LIMIT);
  }

  /** A quota for one agent. */
  public static Quota agent(
      String agent, Duration window, long maxTokens, long maxCostMicros, long maxToolCalls) {
    return new Quota(
        Objects.requireNonNull(agent, "agent"),
        window,
        maxTokens,
        maxCostMicros,
        maxToolCalls,
        NO_TIME_LIMIT);
  }

  /** The same quota, also limiting the wall time spent on model turns and tool calls. */
  public Quota withMaxBusyTime(Duration limit) {
    return new Quota(agent, window, maxTokens, maxCostMicros, maxToolCalls, limit);
  }

  public boolean covers(String candidate) {
    return agent == null || agent.equals(candidate);
  }

  public String scope() {
    return agent == null ? "tenant" : "agent '" + agent + "'";
  }
}
