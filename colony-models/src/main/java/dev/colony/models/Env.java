package dev.colony.models;

import dev.colony.core.InvalidInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Reads provider variables from a snapshot of the environment; blank values count as unset. */
record Env(Map<String, String> values) {
  static final String TIMEOUT_VARIABLE = "COLONY_MODEL_TIMEOUT_SECONDS";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  Env {
    var copy = new HashMap<String, String>();
    values.forEach(
        (name, value) -> {
          if (name != null && value != null) {
            copy.put(name, value);
          }
        });
    values = Map.copyOf(copy);
  }

  /** Names only: the values hold API keys. */
  @Override
  public String toString() {
    return "Env" + new TreeSet<>(values.keySet());
  }

  Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The first of {@code names} that is set. */
  Optional<String> first(String... names) {
    for (String name : names) {
      Optional<String> value = get(name);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** The first of {@code names} that is set, or an error naming them all. */
  String require(String provider, String... names) {
    return first(names)
        .orElseThrow(
            () ->
                new InvalidInput(
                    names[0],
                    "must be set to use model provider '"
                        + provider
                        + "'"
                        + (names.length > 1
                            ? " (or set " + String.join(" or ", tail(names)) + ")"
                            : "")));
  }

  /** An http or https URL from {@code name}, or empty when unset. */
  Optional<String> url(String... names) {
    for (String name : names) {
      Optional<String> value = get(name);
      if (value.isPresent()) {
        return Optional.of(checkUrl(name, value.get()));
      }
    }
    return Optional.empty();
  }

  /** How long one model call may take, from {@value #TIMEOUT_VARIABLE}. */
  Duration timeout() {
    Optional<String> value = get(TIMEOUT_VARIABLE);
    if (value.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(value.get());
      if (seconds > 0 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInput(
        TIMEOUT_VARIABLE,
        "must be a whole number of seconds from 1 to 3600, got '" + value.get() + "'");
  }

  private static String checkUrl(String name, String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new InvalidInput(
        name, "must be an http or https URL such as 'https://host:port/v1', got '" + value + "'");
  }

  private static String[] tail(String[] names) {
    return Arrays.copyOfRange(names, 1, names.length);
  }
}
