package dev.colony.core;

import java.util.Objects;
import java.util.regex.Pattern;

/** The tenant every piece of state belongs to; stores refuse reads and writes across tenants. */
public record TenantId(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /** The tenant of the embedded default node. */
  public static final TenantId DEFAULT = new TenantId("default");

  public TenantId {
    Objects.requireNonNull(value, "tenant");
    if (!VALID.matcher(value).matches()) {
      throw new InvalidInput(
          "tenant",
          "must be 1 to 63 lower-case letters, digits or '-', starting with a letter or digit, got '"
              + value
              + "'");
    }
  }

  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
