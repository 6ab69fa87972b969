package dev.colony.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.Principal;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;

/** ES256 keys as every key was before agents moved to Ed25519, and what they signed. */
public final class Es256Keys {
  private Es256Keys() {}

  /** Saves a new current ES256 key of {@code owner} in {@code vault}; its id. */
  public static String save(KeyVault vault, Principal owner, Instant createdAt) throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = generator.generateKeyPair();
    var kid = owner.id() + "-0123456789abcdef";
    vault.save(
        new KeyRecord(
            kid, owner, "ES256", pair.getPublic(), pair.getPrivate(), createdAt, null, null));
    return kid;
  }

  /** A JWS signed with {@code key}, with the header the previous version wrote. */
  public static SignedJWT sign(KeyRecord key, JOSEObjectType type, JWTClaimsSet claims)
      throws Exception {
    var header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(type).build();
    var jws = new SignedJWT(header, claims);
    jws.sign(new ECDSASigner((ECPrivateKey) key.privateKey()));
    return SignedJWT.parse(jws.serialize());
  }

  /** The same, with {@code typ} {@code JWT}. */
  public static SignedJWT sign(KeyRecord key, JWTClaimsSet claims) throws Exception {
    return sign(key, JOSEObjectType.JWT, claims);
  }
}
