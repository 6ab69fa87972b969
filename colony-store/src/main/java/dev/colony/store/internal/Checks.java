package dev.colony.store.internal;

import dev.colony.core.InvalidInput;

/**
 * Validates values before they are written, so that H2 and PostgreSQL accept and refuse the same
 * input.
 *
 * <p>PostgreSQL cannot store U+0000 in text and would silently turn an unpaired surrogate into
 * {@code ?} while encoding UTF-8; H2 stores both. Rejecting them here, with the field named, keeps
 * the two databases alike and never stores a value that reads back different. Stateless.
 */
final class Checks {
  /** The width of identifier-like columns (agent, tool, call ids, principals). */
  static final int NAME = 255;

  /** The width of digest columns; a SHA-256 in hex takes 64. */
  static final int DIGEST = 128;

  /** The width of the effect key column. */
  static final int KEY = 512;

  private Checks() {}

  /** Checks a value that may be {@code null}; {@code maxLength} 0 means unbounded. */
  static String text(String field, String value, int maxLength) {
    if (value == null) {
      return null;
    }
    if (maxLength > 0 && value.length() > maxLength) {
      throw new InvalidInput(
          field, "must be at most " + maxLength + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0000') {
        throw new InvalidInput(
            field,
            "must not contain U+0000 (NUL), found at index " + i + "; PostgreSQL cannot store it");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw unpaired(field, c, i);
      }
      if (Character.isLowSurrogate(c)) {
        throw unpaired(field, c, i);
      }
    }
    return value;
  }

  /** Checks a value that must be present and not blank. */
  static String required(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidInput(
          field, "must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
    }
    return text(field, value, maxLength);
  }

  /** Checks a list limit. */
  static int limit(int limit) {
    if (limit < 1) {
      throw new InvalidInput("limit", "must be at least 1, got " + limit);
    }
    return limit;
  }

  private static InvalidInput unpaired(String field, char c, int index) {
    return new InvalidInput(
        field,
        String.format(
            "must be valid Unicode, found an unpaired surrogate U+%04X at index %d",
            (int) c, index));
  }
}
