package dev.colony.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTests {
  private static final RandomGenerator HIGHEST =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return -1;
        }

        @Override
        public double nextDouble() {
          return Math.nextDown(1.0);
        }
      };

  @Test
  void withoutJitterTheWaitDoublesUpToTheMaximum() {
    var backoff =
        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0, new SplittableRandom(1));

    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofMillis(800));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterShortensTheWaitByAtMostItsFraction() {
    var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 0.5, HIGHEST);

    assertThat(backoff.delay(1)).isBetween(Duration.ofMillis(500), Duration.ofMillis(501));
    assertThat(backoff.delay(4)).isBetween(Duration.ofSeconds(4), Duration.ofMillis(4001));
  }

  @Test
  void jitterSpreadsTheWaits() {
    var backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, new SplittableRandom(7));

    var waits = IntStream.range(0, 20).mapToObj(i -> backoff.delay(1)).toList();

    assertThat(waits)
        .allSatisfy(
            wait -> assertThat(wait).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
    assertThat(waits.stream().distinct().count()).isGreaterThan(1);
  }

  @Test
  void settingsThatCannotWorkAreRejectedNamingTheSetting() {
    var random = new SplittableRandom(1);

    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0, random))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("backoff.initial"));
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, random))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("backoff.max"));
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, random))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("backoff.jitter"));
  }
}
