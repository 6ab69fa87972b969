package dev.colony.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.internal.KeyAlgorithm;
import dev.colony.identity.internal.Randoms;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every signing key of a node: one Ed25519 key pair per agent (JWS {@code EdDSA}), and ES256 (ECDSA
 * P-256) node keys owned by service principals (approvals, token exchange, the development issuer).
 * Thread-safe: signing, verifying and serving the JWK Set read the vault without locks; enrolling,
 * rotating, revoking and reinstating are serialized on the ring.
 *
 * <p>Agents sign with Ed25519 because every agent-to-agent hop carries a signature: computed by
 * BouncyCastle, an Ed25519 signature and its check cost a fraction of an ES256 one on the JDK
 * ({@code HopSealBenchmark}). Each key keeps the algorithm it was made with, and a JWS verifies
 * only under the {@code alg} of the key its {@code kid} names. An agent whose current key is of
 * another algorithm, such as an ES256 key from a vault written before agents moved to Ed25519, gets
 * a new key when it is next enrolled, as a rotation: the old key verifies for the grace period.
 *
 * <p>Rotating gives an owner a new current key; the old one keeps verifying for a grace period (at
 * least one envelope lifetime plus clock skew, so no envelope signed before the rotation is
 * orphaned) and is then retired. Revoking an owner is the kill switch: its keys are withdrawn from
 * the JWK Set, it can no longer sign, and anything it signed, including credentials issued before
 * the revocation, is refused with check {@code revoked}.
 */
public final class KeyRing {
  private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

  /** The shortest grace period: one envelope lifetime (60 s) plus the largest clock skew (5 s). */
  public static final Duration MIN_GRACE = Duration.ofSeconds(65);

  private final KeyVault vault;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration grace;
  private final Object changes = new Object();
  private final ConcurrentHashMap<String, JWSVerifier> verifiers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, JWSSigner> signers = new ConcurrentHashMap<>();

  private KeyRing(Builder builder) {
    this.vault = builder.vault;
    this.clock = builder.clock;
    this.random = builder.random;
    this.grace = builder.grace;
  }

  /** A ring over {@code vault}; the clock, the randomness and the grace period can be set. */
  public static Builder builder(KeyVault vault) {
    return new Builder(vault);
  }

  /** A ring over a fresh {@link InMemoryKeyVault}, on the system clock. */
  public static KeyRing inMemory() {
    return builder(new InMemoryKeyVault()).build();
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The id of the owner's current key, generating a first key if it has none. A current key of
   * another algorithm than the owner's (an agent's ES256 key from an older vault) is rotated out
   * with the ring's grace period, and the new key's id returned.
   *
   * @throws IdentityRejected with check {@code revoked} if the owner is revoked
   */
  public String enroll(Principal owner) {
    synchronized (changes) {
      refuseIfRevoked(owner);
      var current = current(owner);
      if (current.isEmpty()) {
        return generate(owner);
      }
      var found = current.get().algorithm();
      var wanted = algorithmOf(owner).jws().getName();
      if (!found.equals(wanted)) {
        var kid = rotateOut(owner, grace);
        log.info(
            "Replaced the {} key of {} with {} key {}; the old one retires in {} s",
            found,
            owner,
            wanted,
            kid,
            grace.toSeconds());
        return kid;
      }
      return current.get().kid();
    }
  }

  /** Rotates with the ring's grace period; see {@link #rotate(Principal, Duration)}. */
  public String rotate(Principal owner) {
    return rotate(owner, grace);
  }

  /**
   * Gives the owner a new current key; its previous key verifies for {@code grace} more, then
   * retires. For approval keys, pass a grace at least as long as the longest approval token lives.
   *
   * @return the new key's id
   */
  public String rotate(Principal owner, Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.compareTo(MIN_GRACE) < 0) {
      throw new InvalidInput(
          "grace", "must be at least " + MIN_GRACE.toSeconds() + " s, got " + grace.toSeconds());
    }
    synchronized (changes) {
      refuseIfRevoked(owner);
      var kid = rotateOut(owner, grace);
      log.info(
          "Rotated the key of {}: now {}, previous retires in {} s", owner, kid, grace.toSeconds());
      return kid;
    }
  }

  /** Retires the owner's current key after {@code grace} and generates a new one; under lock. */
  private String rotateOut(Principal owner, Duration grace) {
    var now = clock.instant();
    current(owner)
        .ifPresent(
            old -> {
              vault.save(old.retiring(now.plus(grace)));
              signers.remove(old.kid());
            });
    return generate(owner);
  }

  /**
   * Revokes an owner (the kill switch): its keys are withdrawn and everything it signed is refused
   * from now on, whenever it was signed. Revoking twice is harmless.
   */
  public void revoke(Principal owner) {
    synchronized (changes) {
      var now = clock.instant();
      vault.markRevoked(owner, now);
      for (var key : vault.keysOf(owner)) {
        if (key.revokedAt() == null) {
          vault.save(key.revoked(now));
        }
        signers.remove(key.kid());
      }
      log.warn("Revoked {}: its keys are withdrawn and its credentials refused", owner);
    }
  }

  /**
   * Lifts an owner's revocation with a brand new key; its old keys stay revoked, so nothing it
   * signed before comes back to life.
   *
   * @return the new key's id
   */
  public String reinstate(Principal owner) {
    synchronized (changes) {
      vault.clearRevoked(owner);
      var kid = generate(owner);
      log.warn("Reinstated {} with new key {}", owner, kid);
      return kid;
    }
  }

  public boolean isRevoked(Principal owner) {
    return vault.revokedSince(owner).isPresent();
  }

  /** The owner's current key id, if it has one. */
  public Optional<String> currentKeyId(Principal owner) {
    return current(owner).map(KeyRecord::kid);
  }

  /**
   * The public JWK Set of every key that verifies now (current and in grace; not retired, not
   * revoked), as served at {@code /.well-known/jwks.json}. Never contains private parts.
   */
  public String jwks() {
    return jwks(owner -> true);
  }

  /** The public JWK Set of the keys of the owners {@code owners} accepts. */
  public String jwks(Predicate<Principal> owners) {
    var now = clock.instant();
    var keys =
        vault.all().stream()
            .filter(key -> owners.test(key.owner()))
            .filter(key -> key.revokedAt() == null && !key.retiredAt(now))
            .filter(key -> !isRevoked(key.owner()))
            .map(
                key ->
                    KeyAlgorithm.named(key.algorithm())
                        .publicJwk(key.kid(), key.publicKey(), key.createdAt()))
            .toList();
    return new JWKSet(keys).toPublicJWKSet().toString(true);
  }

  /**
   * Signs claims with the owner's current key, as compact JWS with the key's {@code alg}, its
   * {@code kid} and the given {@code typ}.
   *
   * @throws IdentityRejected with check {@code revoked} if the owner is revoked, {@code key} if it
   *     has no current key
   */
  public String sign(Principal owner, JOSEObjectType type, JWTClaimsSet claims) {
    refuseIfRevoked(owner);
    var key =
        current(owner)
            .orElseThrow(
                () ->
                    new IdentityRejected(
                        "key", owner + " has no signing key; enroll it before it signs"));
    var header =
        new JWSHeader.Builder(KeyAlgorithm.named(key.algorithm()).jws())
            .keyID(key.kid())
            .type(type)
            .build();
    var jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signers.computeIfAbsent(key.kid(), kid -> signer(key)));
    } catch (JOSEException e) {
      throw new ColonyException(
          "signing with key '" + key.kid() + "' failed: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  /**
   * Checks that a JWS was signed by a key of {@code expectedOwner} that still verifies, in this
   * order: the key is known, the JWS's {@code alg} is the key's and the signature is right ({@code
   * signature}), the key belongs to the expected owner ({@code key}), neither key nor owner is
   * revoked ({@code revoked}), the key is not retired ({@code key}).
   *
   * @param what the credential, for messages
   * @throws IdentityRejected naming the first check that failed
   */
  public void verify(SignedJWT jws, Principal expectedOwner, String what) {
    var kid = jws.getHeader().getKeyID();
    var key =
        vault
            .find(kid == null ? "" : kid)
            .orElseThrow(
                () ->
                    new IdentityRejected(
                        "signature", what + ": key id '" + kid + "' is not a key of this node"));
    var alg = jws.getHeader().getAlgorithm();
    if (alg == null || !alg.getName().equals(key.algorithm())) {
      throw new IdentityRejected(
          "signature",
          what + ": alg " + alg + " is not that of key '" + kid + "' (" + key.algorithm() + ")");
    }
    boolean valid;
    try {
      valid = jws.verify(verifiers.computeIfAbsent(key.kid(), id -> verifier(key)));
    } catch (JOSEException | IllegalStateException e) {
      valid = false;
    }
    if (!valid) {
      throw new IdentityRejected(
          "signature", what + ": signature does not verify with key '" + kid + "'");
    }
    if (!key.owner().equals(expectedOwner)) {
      throw new IdentityRejected(
          "key",
          what + ": key '" + kid + "' belongs to " + key.owner() + ", not to " + expectedOwner);
    }
    var ownerRevoked = vault.revokedSince(expectedOwner);
    if (key.revokedAt() != null || ownerRevoked.isPresent()) {
      var at = key.revokedAt() != null ? key.revokedAt() : ownerRevoked.get();
      throw new IdentityRejected("revoked", what + ": " + expectedOwner + " was revoked at " + at);
    }
    var now = clock.instant();
    if (key.retiredAt(now)) {
      throw new IdentityRejected(
          "key",
          what + ": key '" + kid + "' of " + expectedOwner + " retired at " + key.retiresAt());
    }
  }

  private void refuseIfRevoked(Principal owner) {
    vault
        .revokedSince(owner)
        .ifPresent(
            at -> {
              throw new IdentityRejected(
                  "revoked", owner + " was revoked at " + at + "; it can no longer sign");
            });
  }

  private Optional<KeyRecord> current(Principal owner) {
    return vault.keysOf(owner).stream().filter(KeyRecord::signs).reduce((first, second) -> second);
  }

  private String generate(Principal owner) {
    var algorithm = algorithmOf(owner);
    KeyPair pair;
    try {
      pair = algorithm.generate(random);
    } catch (IllegalStateException e) {
      throw new ColonyException(e.getMessage(), e);
    }
    var kid = owner.id() + "-" + Randoms.hex(random, 8);
    vault.save(
        new KeyRecord(
            kid,
            owner,
            algorithm.jws().getName(),
            pair.getPublic(),
            pair.getPrivate(),
            clock.instant(),
            null,
            null));
    return kid;
  }

  /** Agents sign with Ed25519, the node's services with ES256; see {@link KeyAlgorithm}. */
  private static KeyAlgorithm algorithmOf(Principal owner) {
    return owner.kind() == Principal.Kind.AGENT ? KeyAlgorithm.EDDSA : KeyAlgorithm.ES256;
  }

  private static JWSSigner signer(KeyRecord key) {
    try {
      return KeyAlgorithm.named(key.algorithm()).signer(key.privateKey());
    } catch (IllegalArgumentException e) {
      throw new ColonyException("key '" + key.kid() + "' cannot sign: " + e.getMessage(), e);
    }
  }

  private static JWSVerifier verifier(KeyRecord key) {
    try {
      return KeyAlgorithm.named(key.algorithm()).verifier(key.publicKey());
    } catch (IllegalArgumentException e) {
      throw new ColonyException("key '" + key.kid() + "' cannot verify: " + e.getMessage(), e);
    }
  }

  /** Builds a {@link KeyRing}; only the vault is required. */
  public static final class Builder {
    private final KeyVault vault;
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration grace = Duration.ofMinutes(5);

    private Builder(KeyVault vault) {
      this.vault = Objects.requireNonNull(vault, "vault");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where key material and key ids come from. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** How long a rotated-out key keeps verifying; at least {@link #MIN_GRACE}, default 5 min. */
    public Builder grace(Duration grace) {
      this.grace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    public KeyRing build() {
      if (grace.compareTo(MIN_GRACE) < 0) {
        throw new InvalidInput(
            "grace", "must be at least " + MIN_GRACE.toSeconds() + " s, got " + grace.toSeconds());
      }
      return new KeyRing(this);
    }
  }
}
