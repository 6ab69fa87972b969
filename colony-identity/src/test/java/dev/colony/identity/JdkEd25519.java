package dev.colony.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * An EdDSA JWS signer on the JDK's own Ed25519, an implementation independent of Colony's: what a
 * peer, or a forger, signs with. Not thread-safe.
 */
public final class JdkEd25519 implements JWSSigner {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 key bytes. */
  private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

  private final PrivateKey key;

  public JdkEd25519(PrivateKey key) {
    this.key = key;
  }

  /** A signer with a fresh key that no key ring knows. */
  public static JdkEd25519 withNewKey() throws GeneralSecurityException {
    return new JdkEd25519(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate());
  }

  /** The JDK's public key for the RFC 8032 encoding {@code raw}. */
  public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    var encoded = new byte[SPKI_PREFIX.length + raw.length];
    System.arraycopy(SPKI_PREFIX, 0, encoded, 0, SPKI_PREFIX.length);
    System.arraycopy(raw, 0, encoded, SPKI_PREFIX.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
  }

  /** The JDK's private key for the 32-byte seed {@code seed}. */
  public static PrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519")
        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    try {
      var signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(signingInput);
      return Base64URL.encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException(e.getMessage(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA);
  }

  @Override
  public JCAContext getJCAContext() {
    return new JCAContext();
  }
}
