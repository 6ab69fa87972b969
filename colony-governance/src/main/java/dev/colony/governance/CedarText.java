package dev.colony.governance;

import java.util.ArrayList;
import java.util.List;

/**
 * Cedar source text: splitting a policy file into its policies, turning Cedar's byte offsets into
 * lines and columns, and quoting strings for Cedar's syntax.
 */
final class CedarText {
  private CedarText() {}

  /**
   * One policy's text within its file.
   *
   * @param text from the policy's first annotation or keyword through its terminating {@code ;} (or
   *     the end of the file, when the last policy lacks one)
   * @param start the char offset of {@code text} in the file
   * @param ordinal 1-based position of the policy in the file
   */
  record Chunk(String text, int start, int ordinal) {}

  /**
   * Splits a file at each {@code ;} outside strings and comments: in Cedar's policy grammar a
   * semicolon only ever ends a policy. Leading blanks and comments are not part of a chunk.
   */
  static List<Chunk> split(String file) {
    var chunks = new ArrayList<Chunk>();
    int start = -1;
    int i = 0;
    int n = file.length();
    while (i < n) {
      char c = file.charAt(i);
      if (c == '/' && i + 1 < n && file.charAt(i + 1) == '/') {
        while (i < n && file.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (start < 0) {
        start = i;
      }
      if (c == '"') {
        i++;
        while (i < n && file.charAt(i) != '"') {
          i += file.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        continue;
      }
      i++;
      if (c == ';') {
        chunks.add(new Chunk(file.substring(start, i), start, chunks.size() + 1));
        start = -1;
      }
    }
    if (start >= 0) {
      chunks.add(new Chunk(file.substring(start, n).stripTrailing(), start, chunks.size() + 1));
    }
    return chunks;
  }

  /** The char offset in {@code text} of a UTF-8 byte offset, as Cedar reports locations. */
  static int charOffset(String text, int byteOffset) {
    int bytes = 0;
    int i = 0;
    while (i < text.length() && bytes < byteOffset) {
      int cp = text.codePointAt(i);
      bytes += utf8Length(cp);
      i += Character.charCount(cp);
    }
    return i;
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }

  /** The 1-based line and column of a char offset. */
  static int[] lineAndColumn(String file, int offset) {
    return new Lines(file).position(offset);
  }

  /** Where a file's lines start, to turn offsets into lines and columns. */
  static final class Lines {
    private final String text;
    private final int[] starts;

    Lines(String text) {
      this.text = text;
      var list = new ArrayList<Integer>();
      list.add(0);
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          list.add(i + 1);
        }
      }
      this.starts = list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line and column (in code points) of a char offset. */
    int[] position(int offset) {
      int end = Math.max(0, Math.min(offset, text.length()));
      int index = java.util.Arrays.binarySearch(starts, end);
      int line = index >= 0 ? index : -index - 2;
      return new int[] {line + 1, text.codePointCount(starts[line], end) + 1};
    }
  }

  /** A Cedar string literal. */
  static String quote(String value) {
    var out = new StringBuilder(value.length() + 2).append('"');
    value
        .codePoints()
        .forEach(
            cp -> {
              switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                default -> {
                  if (cp < 0x20 || cp == 0x7f) {
                    out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                  } else {
                    out.appendCodePoint(cp);
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
