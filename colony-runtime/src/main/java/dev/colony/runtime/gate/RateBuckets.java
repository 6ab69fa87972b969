package dev.colony.runtime.gate;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key: each allows {@code limit.calls()} takes per {@code limit.period()}, with
 * bursts up to {@code limit.calls()}, refilled evenly over the period.
 *
 * <p>Thread-safe: each bucket is updated under its own lock. Buckets live in memory, so a limit
 * holds per node.
 */
public final class RateBuckets {
  private static final class Bucket {
    double tokens;
    long refilledAtNanos;

    Bucket(double tokens, long at) {
      this.tokens = tokens;
      this.refilledAtNanos = at;
    }
  }

  private final Clock clock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateBuckets(Clock clock) {
    this.clock = clock;
  }

  /** Takes one from the key's bucket; {@code false}, taking nothing, when it is empty. */
  public boolean take(String key, RateLimitGuard.Limit limit) {
    var bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.calls(), nanos()));
    synchronized (bucket) {
      var now = nanos();
      var perNano = limit.calls() / (double) limit.period().toNanos();
      bucket.tokens =
          Math.min(limit.calls(), bucket.tokens + (now - bucket.refilledAtNanos) * perNano);
      bucket.refilledAtNanos = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  private long nanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
