package dev.colony.core;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one durable agent run. */
public record RunId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

  public RunId {
    Objects.requireNonNull(value, "run id");
    if (!VALID.matcher(value).matches()) {
      throw new InvalidInput(
          "runId", "must be 1 to 128 letters, digits or '_.:-', got '" + value + "'");
    }
  }

  public static RunId of(String value) {
    return new RunId(value);
  }

  public static RunId random(UUID uuid) {
    return new RunId("run-" + uuid);
  }

  @Override
  public String toString() {
    return value;
  }
}
