package dev.colony.identity;

import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.identity.internal.KeyAlgorithm;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One signing key as a {@link KeyVault} keeps it. Only JDK types, so a durable vault can store it
 * without this module's libraries.
 *
 * <p>A key signs while it is current: it has its private half and is neither retiring nor revoked.
 * Rotation gives it a {@code retiresAt}; from then on it only verifies, until that instant.
 * Revocation withdraws it at once. The private half is dropped as soon as a key stops signing.
 *
 * <p>A record is consistent: its algorithm is one a {@link KeyRing} signs with, and both halves are
 * keys of that algorithm. A vault that reads a record it cannot use fails on it, naming the key.
 *
 * @param kid the key id, unique on the node, {@code OWNER-HEX}
 * @param owner the agent (or node service) the key belongs to
 * @param algorithm the JWS algorithm: {@code EdDSA} (Ed25519) for an agent's key, {@code ES256}
 *     (ECDSA P-256) for a node service's key, and for an agent's key written before agents moved to
 *     Ed25519
 * @param publicKey the public half
 * @param privateKey the private half, or {@code null} once the key no longer signs
 * @param createdAt when the key was generated
 * @param retiresAt when the key stops verifying after a rotation, or {@code null}
 * @param revokedAt when the key was revoked, or {@code null}
 */
public record KeyRecord(
    String kid,
    Principal owner,
    String algorithm,
    PublicKey publicKey,
    PrivateKey privateKey,
    Instant createdAt,
    Instant retiresAt,
    Instant revokedAt) {

  public KeyRecord {
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(createdAt, "createdAt");
    KeyAlgorithm type;
    try {
      type = KeyAlgorithm.named(algorithm);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("key '" + kid + "'.algorithm", e.getMessage());
    }
    if (!type.fits(publicKey)) {
      throw new InvalidInput(
          "key '" + kid + "'",
          "the public key (" + publicKey.getAlgorithm() + ") is not a valid " + algorithm + " key");
    }
    if (privateKey != null && !type.fits(privateKey)) {
      throw new InvalidInput(
          "key '" + kid + "'",
          "the private key (" + privateKey.getAlgorithm() + ") is not an " + algorithm + " key");
    }
  }

  /** Whether the key signs: it has its private half and is neither retiring nor revoked. */
  public boolean signs() {
    return privateKey != null && retiresAt == null && revokedAt == null;
  }

  /** Whether the key was retired at {@code now}: rotated out and past its grace period. */
  public boolean retiredAt(Instant now) {
    return retiresAt != null && !now.isBefore(retiresAt);
  }

  /** This key rotated out: it verifies until {@code at}, and its private half is dropped. */
  public KeyRecord retiring(Instant at) {
    return new KeyRecord(kid, owner, algorithm, publicKey, null, createdAt, at, revokedAt);
  }

  /** This key revoked at {@code at}, its private half dropped. */
  public KeyRecord revoked(Instant at) {
    return new KeyRecord(kid, owner, algorithm, publicKey, null, createdAt, retiresAt, at);
  }

  /** Names the key and its state; never prints key material. */
  @Override
  public String toString() {
    return "KeyRecord[kid="
        + kid
        + ", owner="
        + owner
        + ", algorithm="
        + algorithm
        + ", signs="
        + signs()
        + ", createdAt="
        + createdAt
        + ", retiresAt="
        + retiresAt
        + ", revokedAt="
        + revokedAt
        + "]";
  }
}
