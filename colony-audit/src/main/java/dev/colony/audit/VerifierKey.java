package dev.colony.audit;

import dev.colony.audit.internal.Ed25519;
import dev.colony.audit.internal.Hashes;
import dev.colony.core.InvalidInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The public half of the ledger's checkpoint key: all a verifier needs. Immutable and thread-safe.
 *
 * <p>Its text form is the signed-note verifier key of {@code golang.org/x/mod/sumdb/note} that
 * c2sp.org/signed-note tools share: {@code <name>+<key id, 8 hex digits>+<base64(0x01 || 32-byte
 * public key)>}, for example {@code
 * PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}. The key id is, as
 * c2sp.org/signed-note recommends, {@code SHA-256(key name || 0x0A || 0x01 || public key)[:4]}.
 */
public final class VerifierKey {
  /** The signed-note signature type byte of Ed25519. */
  static final byte ED25519 = 0x01;

  private final String name;
  private final int keyId;
  private final byte[] publicKey;
  private final PublicKey jdkKey;

  VerifierKey(String name, byte[] publicKey) {
    this.name = checkName(name);
    this.publicKey = publicKey.clone();
    this.jdkKey = Ed25519.publicKey(publicKey);
    this.keyId = keyId(name, publicKey);
  }

  /**
   * Reads a verifier key in its text form.
   *
   * @throws InvalidInput naming what is wrong with it
   */
  public static VerifierKey parse(String text) {
    Objects.requireNonNull(text, "verifier key");
    var parts = text.strip().split("\\+", 3);
    if (parts.length != 3) {
      throw new InvalidInput(
          "verifier key", "must be '<name>+<key id>+<base64 key>', got '" + shorten(text) + "'");
    }
    var key = decodeTyped("verifier key", parts[2]);
    var parsed = new VerifierKey(parts[0], key);
    if (!parts[1].equals(parsed.keyIdHex())) {
      throw new InvalidInput(
          "verifier key",
          "key id '"
              + parts[1]
              + "' does not match its name and key (expected "
              + parsed.keyIdHex()
              + ")");
    }
    return parsed;
  }

  /** The key's name; the ledger's checkpoints carry it as their origin. */
  public String name() {
    return name;
  }

  /** The 32-bit key id that signature lines start with. */
  public int keyId() {
    return keyId;
  }

  /** Whether {@code signature} is this key's Ed25519 signature over {@code message}. */
  public boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(jdkKey, message, signature);
  }

  /** The key in its text form, {@code <name>+<key id>+<base64 key>}. */
  @Override
  public String toString() {
    return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed(publicKey));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerifierKey that
        && name.equals(that.name)
        && Arrays.equals(publicKey, that.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, keyId);
  }

  String keyIdHex() {
    return HexFormat.of().toHexDigits(keyId);
  }

  static int keyId(String name, byte[] publicKey) {
    var hash =
        Hashes.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n'}, typed(publicKey));
    return ByteBuffer.wrap(hash, 0, 4).getInt();
  }

  static byte[] typed(byte[] key) {
    var out = new byte[key.length + 1];
    out[0] = ED25519;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  static byte[] decodeTyped(String what, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(what, "key is not base64: " + e.getMessage());
    }
    if (bytes.length != 1 + Ed25519.KEY_SIZE || bytes[0] != ED25519) {
      throw new InvalidInput(
          what,
          "key must be 0x01 (Ed25519) followed by 32 bytes, got "
              + bytes.length
              + " bytes starting with "
              + (bytes.length == 0 ? "nothing" : String.format("0x%02x", bytes[0])));
    }
    return Arrays.copyOfRange(bytes, 1, bytes.length);
  }

  /** Checks a key name as c2sp.org/signed-note requires: non-empty, no spaces, no '+'. */
  static String checkName(String name) {
    Objects.requireNonNull(name, "key name");
    if (name.isEmpty()
        || name.codePoints()
            .anyMatch(
                c ->
                    Character.isWhitespace(c)
                        || Character.isSpaceChar(c)
                        || c == '+'
                        || Character.isISOControl(c))) {
      throw new InvalidInput(
          "key name",
          "must be non-empty without spaces, control characters or '+' (c2sp.org/signed-note),"
              + " got '"
              + shorten(name)
              + "'");
    }
    return name;
  }

  static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
