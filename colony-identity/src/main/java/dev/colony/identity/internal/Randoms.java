package dev.colony.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random identifiers drawn from an injected {@link SecureRandom}. */
public final class Randoms {
  private Randoms() {}

  /** {@code bytes} random bytes as unpadded base64url, for nonces ({@code jti}). */
  public static String token(SecureRandom random, int bytes) {
    var buffer = new byte[bytes];
    random.nextBytes(buffer);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
  }

  /** {@code bytes} random bytes as lower-case hex, for key ids. */
  public static String hex(SecureRandom random, int bytes) {
    var buffer = new byte[bytes];
    random.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }
}
