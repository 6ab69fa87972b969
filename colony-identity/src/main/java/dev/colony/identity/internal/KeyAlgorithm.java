package dev.colony.identity.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/**
 * The JWS algorithms a key ring signs with, each with how its keys are generated, published as a
 * JWK, and turned into Nimbus signers and verifiers. Immutable.
 *
 * <p>{@link #EDDSA} (Ed25519) is what agents sign with: every hop carries a signature, and it is
 * the fastest here. {@link #ES256} (ECDSA P-256) is what the node's services sign with (approvals,
 * token exchange, the development issuer): their tokens are not a per-hop cost, and the development
 * issuer's access tokens are verified by standard OAuth code (Nimbus's JWT processor, OpenID
 * clients), whose EdDSA support needs a library Colony does not ship. Keys of the previous version,
 * all ES256, keep verifying. The names are the JWS {@code alg} values, as a vault stores them.
 */
public enum KeyAlgorithm {
  /** ECDSA over P-256 with SHA-256 (RFC 7518 section 3.4), by the JDK's provider. */
  ES256(JWSAlgorithm.ES256) {
    @Override
    KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    }

    @Override
    public boolean fits(Key key) {
      return key instanceof java.security.interfaces.ECKey ec
          && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()));
    }

    @Override
    public JWK publicJwk(String kid, PublicKey key, Instant createdAt) {
      return new ECKey.Builder(Curve.P_256, (ECPublicKey) key)
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(jws())
          .issueTime(Date.from(createdAt))
          .build();
    }

    @Override
    JWSSigner newSigner(PrivateKey key) throws JOSEException {
      return new ECDSASigner((ECPrivateKey) key);
    }

    @Override
    JWSVerifier newVerifier(PublicKey key) throws JOSEException {
      return new ECDSAVerifier((ECPublicKey) key);
    }
  },

  /** EdDSA over Ed25519 (RFC 8037, RFC 8032), by {@link Ed25519Jws}. */
  EDDSA(Ed25519Jws.ALGORITHM) {
    @Override
    KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
      var generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, random);
      return generator.generateKeyPair();
    }

    @Override
    public boolean fits(Key key) {
      return key instanceof PublicKey publicKey
          ? Ed25519Jws.isValidPublicKey(publicKey)
          : Ed25519Jws.isEd25519(key);
    }

    @Override
    public JWK publicJwk(String kid, PublicKey key, Instant createdAt) {
      return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(Ed25519Jws.rawPublic(key)))
          .keyID(kid)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(jws())
          .issueTime(Date.from(createdAt))
          .build();
    }

    @Override
    JWSSigner newSigner(PrivateKey key) {
      return Ed25519Jws.signer(key);
    }

    @Override
    JWSVerifier newVerifier(PublicKey key) {
      return Ed25519Jws.verifier(key);
    }
  };

  private final JWSAlgorithm jws;

  KeyAlgorithm(JWSAlgorithm jws) {
    this.jws = jws;
  }

  /** The JWS {@code alg}. */
  public JWSAlgorithm jws() {
    return jws;
  }

  /** The algorithm whose JWS {@code alg} is {@code name}, exactly. */
  public static KeyAlgorithm named(String name) {
    return Arrays.stream(values())
        .filter(algorithm -> algorithm.jws.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "algorithm '" + name + "' is not one Colony signs with " + names()));
  }

  /** The JWS {@code alg} names of every algorithm, for messages. */
  public static List<String> names() {
    return Arrays.stream(values()).map(algorithm -> algorithm.jws.getName()).toList();
  }

  /** A new key pair, from {@code random}. */
  public KeyPair generate(SecureRandom random) {
    try {
      return newKeyPair(random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot generate a " + jws + " key pair: " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code key} is a key of this algorithm: the right type and curve, and for an Ed25519
   * public key a valid point.
   */
  public abstract boolean fits(Key key);

  /**
   * The public JWK of a key of this algorithm, with its id, {@code use}, {@code alg}, {@code iat}.
   */
  public abstract JWK publicJwk(String kid, PublicKey key, Instant createdAt);

  /** A signer with a private key of this algorithm. */
  public JWSSigner signer(PrivateKey key) {
    try {
      return newSigner(key);
    } catch (JOSEException | RuntimeException e) {
      throw new IllegalArgumentException("not a " + jws + " private key: " + e.getMessage(), e);
    }
  }

  /** A verifier with a public key of this algorithm. */
  public JWSVerifier verifier(PublicKey key) {
    try {
      return newVerifier(key);
    } catch (JOSEException | RuntimeException e) {
      throw new IllegalArgumentException("not a " + jws + " public key: " + e.getMessage(), e);
    }
  }

  abstract KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException;

  abstract JWSSigner newSigner(PrivateKey key) throws JOSEException;

  abstract JWSVerifier newVerifier(PublicKey key) throws JOSEException;
}
