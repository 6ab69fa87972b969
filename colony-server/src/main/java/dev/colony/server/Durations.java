package dev.colony.server;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Durations as people write them on a command line: {@code 90s}, {@code 30m}, {@code 24h}. */
public final class Durations {
  private Durations() {}

  /** The duration {@code text} writes, or empty when it is not a whole number of s, m or h. */
  public static Optional<Duration> parse(String text) {
    var raw = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!raw.matches("\\d{1,9}[smh]")) {
      return Optional.empty();
    }
    var amount = Long.parseLong(raw.substring(0, raw.length() - 1));
    return Optional.of(
        switch (raw.charAt(raw.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        });
  }
}
