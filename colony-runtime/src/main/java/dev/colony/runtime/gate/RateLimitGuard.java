package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Limits how fast each agent may call tools: a token bucket per agent and tenant, refilled evenly
 * over the period.
 *
 * <p>Thread-safe: each bucket is updated under its own lock. Buckets live in memory, so the limit
 * holds per node.
 */
public final class RateLimitGuard implements GateInterceptor {
  /**
   * At most {@code calls} tool calls per {@code period}, with bursts up to {@code calls}.
   *
   * @param calls calls allowed per period, at least 1
   * @param period the period, positive
   */
  public record Limit(int calls, Duration period) {
    public Limit {
      if (calls < 1) {
        throw new IllegalArgumentException("rate limit calls must be at least 1, got " + calls);
      }
      if (period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("rate limit period must be positive, got " + period);
      }
    }
  }

  private final Map<String, Limit> limits;
  private final Limit fallback;
  private final RateBuckets buckets;

  /**
   * @param limits per agent name
   * @param fallback for agents not named, or {@code null} for no limit
   */
  public RateLimitGuard(Map<String, Limit> limits, Limit fallback, Clock clock) {
    this.limits = Map.copyOf(limits);
    this.fallback = fallback;
    this.buckets = new RateBuckets(clock);
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var limit = limits.getOrDefault(request.agent(), fallback);
    if (limit == null) {
      return next.proceed(request);
    }
    var key = request.envelope().tenant().value() + "/" + request.agent();
    if (!buckets.take(key, limit)) {
      return Rejections.reject(
          "rate-limit",
          "agent '"
              + request.agent()
              + "' is over its rate limit of "
              + limit.calls()
              + " tool calls per "
              + limit.period()
              + "; try again later");
    }
    return next.proceed(request);
  }
}
