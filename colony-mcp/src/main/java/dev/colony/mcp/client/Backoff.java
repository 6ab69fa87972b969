package dev.colony.mcp.client;

import dev.colony.core.InvalidInput;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the wait after the n-th failure in a row is {@code initial *
 * 2^(n-1)}, capped at {@code max}, then shortened by a random fraction of up to {@code jitter}, so
 * that many nodes reconnecting to one server do not arrive together.
 *
 * <p>Thread-safe if its {@link RandomGenerator} is.
 */
record Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {

  Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new InvalidInput("backoff.initial", "must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new InvalidInput(
          "backoff.max", "must not be below the initial backoff " + initial + ", got " + max);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new InvalidInput("backoff.jitter", "must be between 0 and 1, got " + jitter);
    }
  }

  /** The wait before the next attempt, after {@code failures} (at least 1) failures in a row. */
  Duration delay(int failures) {
    long maxNanos = max.toNanos();
    long nanos = initial.toNanos();
    for (int i = 1; i < failures && nanos < maxNanos; i++) {
      nanos = nanos > maxNanos / 2 ? maxNanos : nanos * 2;
    }
    nanos = Math.min(nanos, maxNanos);
    long shortened = (long) (nanos * jitter * random.nextDouble());
    return Duration.ofNanos(nanos - shortened);
  }
}
