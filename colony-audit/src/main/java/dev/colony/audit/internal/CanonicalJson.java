package dev.colony.audit.internal;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes the RFC 8785 (JCS) canonical form of the small JSON values the ledger builds: objects
 * whose keys are ASCII, strings, integers, booleans and arrays of those. Stateless.
 *
 * <p>Members are sorted by key in UTF-16 code unit order, which for ASCII keys is {@link
 * String#compareTo}; strings are escaped as RFC 8785 §3.2.2.2 prescribes (ECMAScript {@code
 * JSON.stringify}): {@code \b \t \n \f \r \" \\} by name, other code points below U+0020 as {@code
 * \}{@code u00xx} in lower-case hex, everything else as is. Integers must be within
 * ±2<sup>53</sup>, where ECMAScript number serialization is the decimal digits. The ledger's tests
 * check this writer against {@code org.erdtman.jcs.JsonCanonicalizer}; the verifier checks stored
 * entries with that library.
 */
public final class CanonicalJson {
  private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  /** The canonical text of an object; values may be String, Long, Integer, Boolean, List, Map. */
  public static String write(SortedMap<String, ?> object) {
    var out = new StringBuilder(512);
    writeValue(out, object);
    return out.toString();
  }

  private static void writeValue(StringBuilder out, Object value) {
    switch (value) {
      case String s -> writeString(out, s);
      case Boolean b -> out.append(b.booleanValue());
      case Long l -> writeInteger(out, l);
      case Integer i -> writeInteger(out, i);
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          writeValue(out, list.get(i));
        }
        out.append(']');
      }
      case SortedMap<?, ?> map -> writeObject(out, map);
      case Map<?, ?> map -> writeObject(out, new java.util.TreeMap<>(map));
      case null -> throw new IllegalArgumentException("null values are omitted, not written");
      default ->
          throw new IllegalArgumentException(
              "cannot write a " + value.getClass().getName() + " as canonical JSON");
    }
  }

  private static void writeObject(StringBuilder out, SortedMap<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (var member : map.entrySet()) {
      if (!(member.getKey() instanceof String key) || !key.chars().allMatch(c -> c < 0x80)) {
        throw new IllegalArgumentException("object keys must be ASCII strings, got " + member);
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, key);
      out.append(':');
      writeValue(out, member.getValue());
    }
    out.append('}');
  }

  private static void writeInteger(StringBuilder out, long value) {
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException(
          "integer " + value + " is outside the range RFC 8785 serializes exactly (±2^53)");
    }
    out.append(value);
  }

  static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(hexDigit(c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static char hexDigit(char c) {
    return Character.forDigit(c & 0xF, 16);
  }
}
