package dev.colony.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * EdDSA JWS (RFC 8037: {@code "alg":"EdDSA"} over Ed25519, RFC 8032) for Nimbus, computed by
 * BouncyCastle's RFC 8032 code. Signers and verifiers are immutable and thread-safe.
 *
 * <p>Keys stay JDK types ({@link EdECPrivateKey}, {@link EdECPublicKey}), so a vault stores them
 * without this library; only the arithmetic is BouncyCastle's, called directly rather than through
 * a JCA provider. The reason is speed: on Colony's benchmark machine BouncyCastle signs and
 * verifies a hop several times faster than the JDK's own Ed25519, or its ES256, and faster than
 * Google Tink, which Nimbus's {@code Ed25519Signer} needs (see {@code HopSealBenchmark}).
 *
 * <p>A verifier decodes and fully validates its public key once (a point on the curve, in the
 * prime-order subgroup); {@link #verifier} refuses a key that fails. Verifying rejects, like
 * Nimbus's own verifiers, any {@code crit} header parameter, and BouncyCastle rejects a
 * non-canonical {@code S} (RFC 8032 section 5.1.7), so a signature cannot be altered into another
 * valid one.
 */
public final class Ed25519Jws {
  /** The JWS algorithm of every signature made here. */
  public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.EdDSA;

  /** The size of an Ed25519 public key and of a private key's seed, in bytes. */
  public static final int KEY_SIZE = Ed25519.PUBLIC_KEY_SIZE;

  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(ALGORITHM);

  private Ed25519Jws() {}

  /** A signer with {@code key}, which must be an Ed25519 private key that holds its seed. */
  public static JWSSigner signer(PrivateKey key) {
    return new Signer(seed(key));
  }

  /** A verifier with {@code key}, which must be a valid Ed25519 public key. */
  public static JWSVerifier verifier(PublicKey key) {
    var point = Ed25519.validatePublicKeyFullExport(rawPublic(key), 0);
    if (point == null) {
      throw new IllegalArgumentException(
          "not a valid Ed25519 public key (RFC 8032 section 5.1.3: a point of the curve's"
              + " prime-order subgroup)");
    }
    return new Verifier(point);
  }

  /**
   * Whether {@code key} is a valid Ed25519 public key: a point of the curve's prime-order subgroup,
   * which RFC 8032 section 5.1.3 decoding and a check of its order find.
   */
  public static boolean isValidPublicKey(PublicKey key) {
    try {
      return isEd25519(key) && Ed25519.validatePublicKeyFull(rawPublic(key), 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether {@code key} is an Ed25519 key (not Ed448, not another kind). */
  public static boolean isEd25519(Key key) {
    var params =
        switch (key) {
          case EdECPublicKey edec -> edec.getParams();
          case EdECPrivateKey edec -> edec.getParams();
          default -> null;
        };
    return params instanceof NamedParameterSpec named
        && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(named.getName());
  }

  /**
   * The public key's RFC 8032 encoding (section 5.1.2: {@code y} in 32 little-endian bytes, the
   * parity of {@code x} in the top bit), which is also a JWK's {@code x} (RFC 8037 section 2).
   */
  public static byte[] rawPublic(PublicKey key) {
    if (!(key instanceof EdECPublicKey edec) || !isEd25519(key)) {
      throw new IllegalArgumentException(
          "expected an Ed25519 public key, got " + key.getAlgorithm() + " " + key.getFormat());
    }
    var point = edec.getPoint();
    var bigEndian = point.getY().toByteArray();
    if (point.getY().signum() < 0 || point.getY().bitLength() > 255) {
      throw new IllegalArgumentException("an Ed25519 public key's y must fit in 255 bits");
    }
    var raw = new byte[KEY_SIZE];
    for (int i = 0; i < bigEndian.length && i < KEY_SIZE; i++) {
      raw[i] = bigEndian[bigEndian.length - 1 - i];
    }
    if (point.isXOdd()) {
      raw[KEY_SIZE - 1] |= (byte) 0x80;
    }
    return raw;
  }

  private static byte[] seed(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey edec) || !isEd25519(key)) {
      throw new IllegalArgumentException(
          "expected an Ed25519 private key, got " + key.getAlgorithm() + " " + key.getFormat());
    }
    var seed =
        edec.getBytes()
            .orElseThrow(
                () -> new IllegalArgumentException("the Ed25519 private key hides its seed"));
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "an Ed25519 seed has " + KEY_SIZE + " bytes, got " + seed.length);
    }
    return seed;
  }

  private static void requireEdDsa(JWSHeader header) throws JOSEException {
    if (!ALGORITHM.equals(header.getAlgorithm())) {
      throw new JOSEException(
          "an Ed25519 key signs and verifies alg EdDSA only, found " + header.getAlgorithm());
    }
  }

  private static final class Signer implements JWSSigner {
    private final JCAContext jca = new JCAContext();
    private final byte[] seed;
    private final byte[] publicKey = new byte[KEY_SIZE];

    Signer(byte[] seed) {
      this.seed = seed;
      Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
      requireEdDsa(header);
      var signature = new byte[Ed25519.SIGNATURE_SIZE];
      Ed25519.sign(seed, 0, publicKey, 0, signingInput, 0, signingInput.length, signature, 0);
      return Base64URL.encode(signature);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
      return jca;
    }
  }

  private static final class Verifier implements JWSVerifier {
    private final JCAContext jca = new JCAContext();
    private final CriticalHeaderParamsDeferral critical = new CriticalHeaderParamsDeferral();
    private final Ed25519.PublicPoint point;

    Verifier(Ed25519.PublicPoint point) {
      this.point = point;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature)
        throws JOSEException {
      requireEdDsa(header);
      if (!critical.headerPasses(header)) {
        return false;
      }
      var bytes = signature.decode();
      if (bytes.length != Ed25519.SIGNATURE_SIZE) {
        return false;
      }
      return Ed25519.verify(bytes, 0, point, signingInput, 0, signingInput.length);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
      return jca;
    }
  }
}
