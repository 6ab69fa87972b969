package dev.colony.identity.internal;

import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/** SHA-256 digests, of bytes and of RFC 8785 canonical JSON, and their comparison. */
public final class Digests {
  private Digests() {}

  /** SHA-256 of the UTF-8 bytes of {@code text}, in lower-case hex. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 (lower-case hex) of the RFC 8785 canonical form of JSON text. */
  public static String canonicalSha256Hex(String json) {
    try {
      return sha256Hex(new JsonCanonicalizer(json).getEncodedString());
    } catch (IOException | RuntimeException e) {
      throw new InvalidInput(
          "arguments", "is not JSON that RFC 8785 can canonicalize: " + e.getMessage());
    }
  }

  /** Whether two digests are equal, compared in time independent of where they differ. */
  public static boolean same(String expected, String found) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), found.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
