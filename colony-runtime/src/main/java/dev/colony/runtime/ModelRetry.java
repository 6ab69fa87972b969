package dev.colony.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a model turn that failed with a retryable error (rate limit, overload) is tried again.
 *
 * @param attempts total attempts, at least 1
 * @param backoff the wait before the second attempt; doubled for each further one
 */
public record ModelRetry(int attempts, Duration backoff) {
  public static final ModelRetry DEFAULT = new ModelRetry(3, Duration.ofMillis(500));

  public ModelRetry {
    Objects.requireNonNull(backoff, "backoff");
    if (attempts < 1) {
      throw new IllegalArgumentException(
          "model retry attempts must be at least 1, got " + attempts);
    }
  }
}
