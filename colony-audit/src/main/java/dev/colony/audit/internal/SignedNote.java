package dev.colony.audit.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The c2sp.org/signed-note format: a text ending in a newline, a blank line, and signature lines
 * {@code — <key name> <base64(4-byte big-endian key id || signature)>}. Stateless.
 */
public final class SignedNote {
  /** The em dash (U+2014) and space that start a signature line. */
  public static final String SIGNATURE_START = "\u2014 ";

  /** The largest note read; a checkpoint with a few signatures is a few hundred bytes. */
  public static final int MAX_LENGTH = 16 * 1024;

  /** The most signature lines read; c2sp.org/signed-note asks verifiers to accept at least 16. */
  public static final int MAX_SIGNATURES = 16;

  private SignedNote() {}

  /** One signature line. */
  public record Signature(String keyName, int keyId, byte[] signature) {}

  /** A parsed note: the signed text (with its final newline) and its signature lines. */
  public record Note(String text, List<Signature> signatures) {}

  /** A note of text signed by one key. */
  public static String sign(String text, String keyName, int keyId, byte[] signature) {
    var idAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature);
    return text
        + "\n"
        + SIGNATURE_START
        + keyName
        + " "
        + Base64.getEncoder().encodeToString(idAndSignature.array())
        + "\n";
  }

  /**
   * Parses a signed note.
   *
   * @throws IllegalArgumentException saying what is malformed and where
   */
  public static Note parse(String note) {
    if (note.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the note is " + note.length() + " characters, more than the " + MAX_LENGTH + " read");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if ((c < 0x20 && c != '\n') || Character.isSurrogate(c) && !validPair(note, i)) {
        throw new IllegalArgumentException(
            String.format(
                "character %d is U+%04X, which a signed note must not contain", i, (int) c));
      }
    }
    if (!note.endsWith("\n")) {
      throw new IllegalArgumentException("a signed note must end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("no blank line separates the text from the signatures");
    }
    var text = note.substring(0, split + 1);
    var lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw new IllegalArgumentException(
          "the note has "
              + lines.length
              + " signature lines, more than the "
              + MAX_SIGNATURES
              + " read");
    }
    var signatures = new ArrayList<Signature>();
    for (int i = 0; i < lines.length; i++) {
      signatures.add(signature(i + 1, lines[i]));
    }
    return new Note(text, List.copyOf(signatures));
  }

  private static Signature signature(int number, String line) {
    if (!line.startsWith(SIGNATURE_START)) {
      throw new IllegalArgumentException(
          "signature line "
              + number
              + " must start with '— ' (U+2014, space), got '"
              + shorten(line)
              + "'");
    }
    var rest = line.substring(SIGNATURE_START.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw new IllegalArgumentException(
          "signature line "
              + number
              + " must be '— <key name> <base64>', got '"
              + shorten(line)
              + "'");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "signature line " + number + " is not base64: " + e.getMessage(), e);
    }
    if (bytes.length < 5) {
      throw new IllegalArgumentException(
          "signature line "
              + number
              + " holds "
              + bytes.length
              + " bytes, fewer than a key id and a signature");
    }
    return new Signature(
        rest.substring(0, space),
        ByteBuffer.wrap(bytes, 0, 4).getInt(),
        Arrays.copyOfRange(bytes, 4, bytes.length));
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }
}
