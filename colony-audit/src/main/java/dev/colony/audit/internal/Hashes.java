package dev.colony.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 and the lower-case hex the ledger stores hashes in. Stateless. */
public final class Hashes {
  /** Length in bytes of every hash the ledger keeps. */
  public static final int SIZE = 32;

  private static final HexFormat HEX = HexFormat.of();
  private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-f]{64}");

  private Hashes() {}

  /** SHA-256 of the concatenation of the given byte arrays. */
  public static byte[] sha256(byte[]... parts) {
    var sha = sha256();
    for (var part : parts) {
      sha.update(part);
    }
    return sha.digest();
  }

  /** SHA-256, in lower-case hex, of a string's UTF-8 bytes. */
  public static String sha256Hex(String text) {
    return hex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Decodes 64 lower-case hex digits; anything else is {@link IllegalArgumentException}. */
  public static byte[] unhex(String hex) {
    if (hex == null || !HEX_DIGEST.matcher(hex).matches()) {
      throw new IllegalArgumentException("expected 64 lower-case hex digits, got '" + hex + "'");
    }
    return HEX.parseHex(hex);
  }

  /** Whether a string is 64 lower-case hex digits, the form of a stored SHA-256. */
  public static boolean isHexDigest(String text) {
    return text != null && HEX_DIGEST.matcher(text).matches();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
