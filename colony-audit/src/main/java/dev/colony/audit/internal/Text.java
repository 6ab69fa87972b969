package dev.colony.audit.internal;

/** Makes text fit for a ledger entry: valid Unicode and bounded. Stateless. */
public final class Text {
  private static final String CUT = "…[truncated]";

  private Text() {}

  /**
   * The text with each unpaired surrogate replaced by U+FFFD (so it has one UTF-8 encoding, which
   * both databases store and hash alike), cut to at most {@code max} characters.
   */
  public static String clean(String value, int max) {
    if (value == null) {
      return null;
    }
    var out = new StringBuilder(Math.min(value.length(), max + CUT.length()));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    if (out.length() <= max) {
      return out.toString();
    }
    int end = max;
    if (Character.isLowSurrogate(out.charAt(end))) {
      end--;
    }
    return out.substring(0, end) + CUT;
  }
}
