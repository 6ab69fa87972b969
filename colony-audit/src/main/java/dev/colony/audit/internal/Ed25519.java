package dev.colony.audit.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032) with the JDK's own provider, and conversions between JDK keys and the raw
 * 32-byte encodings signed notes use. Stateless and thread-safe.
 */
public final class Ed25519 {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 raw key bytes. */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  /** Length of a raw public key, a private key seed, and half a signature. */
  public static final int KEY_SIZE = 32;

  private Ed25519() {}

  /** A fresh key pair from the JDK's strong random source. */
  public static KeyPair generate() {
    var seed = new byte[KEY_SIZE];
    new SecureRandom().nextBytes(seed);
    return fromSeed(seed);
  }

  /**
   * The key pair whose private key is the given 32-byte seed (RFC 8032 §5.1.5).
   *
   * <p>The JDK has no public way to derive the public key from a seed, but its Ed25519 key pair
   * generator takes the private key as the first 32 bytes it draws from its random source; this
   * hands it a source that yields the seed. The result is checked by signing and verifying.
   */
  public static KeyPair fromSeed(byte[] seed) {
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 seed has " + KEY_SIZE + " bytes, got " + seed.length);
    }
    try {
      var generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      var pair = generator.generateKeyPair();
      if (!Arrays.equals(seed(pair.getPrivate()), seed)) {
        throw new IllegalStateException("this JDK's Ed25519 generator did not take the seed given");
      }
      return pair;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required of every JDK since 15", e);
    }
  }

  /** The 32-byte seed of a private key. */
  public static byte[] seed(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey ed)) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }
    return ed.getBytes()
        .orElseThrow(() -> new IllegalArgumentException("the private key's bytes are not exposed"));
  }

  /** The 32-byte RFC 8032 encoding of a public key. */
  public static byte[] rawPublic(PublicKey key) {
    var der = key.getEncoded();
    if (der.length != SPKI_PREFIX.length + KEY_SIZE
        || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
    }
    return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
  }

  /** The public key with a 32-byte RFC 8032 encoding. */
  public static PublicKey publicKey(byte[] raw) {
    if (raw.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 public key has " + KEY_SIZE + " bytes, got " + raw.length);
    }
    var der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_SIZE);
    System.arraycopy(raw, 0, der, SPKI_PREFIX.length, KEY_SIZE);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage(), e);
    }
  }

  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      var signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign with Ed25519: " + e.getMessage(), e);
    }
  }

  /** Whether the signature is the key's over the message; a malformed signature is not. */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    if (signature.length != 2 * KEY_SIZE) {
      return false;
    }
    try {
      var verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A random source that yields one fixed seed, for {@link #fromSeed}. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (bytes.length != seed.length) {
        throw new IllegalStateException(
            "expected a request for " + seed.length + " bytes, got " + bytes.length);
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
    }
  }
}
