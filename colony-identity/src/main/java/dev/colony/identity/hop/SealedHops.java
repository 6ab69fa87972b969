package dev.colony.identity.hop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.identity.HopSeal;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.KeyRing;
import dev.colony.identity.internal.Claims;
import dev.colony.identity.internal.Digests;
import dev.colony.identity.internal.Randoms;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Seals and opens the signed envelope of one agent-to-agent hop: a compact JWS ({@code EdDSA} over
 * Ed25519, {@code typ} {@code colony-hop+jwt}) signed with the calling agent's own key from the
 * {@link KeyRing}. Thread-safe: the replay cache is a concurrent cache, everything else is
 * immutable.
 *
 * <p>Claims: {@code iss} the calling agent, {@code sub} the originating principal, {@code aud} the
 * receiving agent, {@code tenant}, {@code skill}, {@code chain} (every principal that acted,
 * originator first, the caller last, as {@code kind:id}), {@code scopes}, {@code traceparent},
 * {@code deadline} (RFC 3339, when the envelope has one), {@code iat}, {@code exp} (at most 60 s
 * after {@code iat}), {@code jti} (128 random bits) and {@code body_sha256}.
 *
 * <p>{@link #open} checks, in order, and names the first that fails: {@code malformed}, {@code
 * signature} (unknown key, an {@code alg} that is not the key's, or a bad signature; an agent's
 * ES256 key from an older vault verifies until it is retired), {@code key} (the key is not the
 * issuing agent's, or retired), {@code revoked}, {@code audience}, {@code tenant} (the hop's tenant
 * is the receiver's), {@code skill}, {@code expired} / {@code not-yet-valid} (with bounded clock
 * skew), {@code lifetime} (over 60 s), {@code body} (digest mismatch), {@code replayed}. The body
 * is checked before the nonce is remembered, so a hop sent again with another body cannot use up
 * the nonce of the genuine one. Seen nonces are kept until the hop's {@code exp} plus the skew;
 * after that the hop is refused as expired anyway.
 *
 * <p>The scopes in a hop are what the calling agent asserts for the chain; the proof that a user
 * delegated them is the exchanged token of {@code dev.colony.identity.oauth.TokenExchange}.
 */
public final class SealedHops implements HopSeal {
  /** The longest a hop may live, DESIGN.md section 5: "exp ≤ 60 s". */
  public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

  /** The {@code typ} header of a sealed hop. */
  public static final JOSEObjectType TYPE = new JOSEObjectType("colony-hop+jwt");

  private static final String WHAT = "hop";
  private static final Pattern TRACEPARENT =
      Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

  private final KeyRing keys;
  private final Function<String, Optional<TenantId>> receiverTenant;
  private final SkillAccess skills;
  private final Duration lifetime;
  private final Duration skew;
  private final Clock clock;
  private final SecureRandom random;
  private final Cache<String, Instant> seen;

  private SealedHops(Builder builder) {
    this.keys = builder.keys;
    this.receiverTenant = builder.receiverTenant;
    this.skills = builder.skills;
    this.lifetime = builder.lifetime;
    this.skew = builder.skew;
    this.clock = builder.clock == null ? keys.clock() : builder.clock;
    this.random = builder.random;
    this.seen =
        Caffeine.newBuilder()
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run)
            .expireAfter(
                Expiry.<String, Instant>creating(
                    (nonce, expiresAt) -> {
                      var left = Duration.between(clock.instant(), expiresAt.plus(skew));
                      return left.isNegative() ? Duration.ZERO : left.plusSeconds(1);
                    }))
            .build();
  }

  /**
   * A builder.
   *
   * @param keys the agents' keys
   * @param receiverTenant the tenant each receiving agent on this node belongs to
   * @param skills which caller may ask which receiver for which skill
   */
  public static Builder builder(
      KeyRing keys, Function<String, Optional<TenantId>> receiverTenant, SkillAccess skills) {
    return new Builder(keys, receiverTenant, skills);
  }

  @Override
  public String seal(Envelope envelope, String audience, String skill, String bodyDigest) {
    Objects.requireNonNull(envelope, "envelope");
    requireText("audience", audience);
    requireText("skill", skill);
    requireText("bodyDigest", bodyDigest);
    var caller = envelope.actor();
    if (caller.kind() != Principal.Kind.AGENT) {
      throw new InvalidInput(
          "envelope.chain", "the current actor must be an agent to seal a hop, got " + caller);
    }
    var issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(caller.id())
            .subject(envelope.originator().toString())
            .audience(audience)
            .claim("tenant", envelope.tenant().value())
            .claim("skill", skill)
            .claim("chain", envelope.chain().stream().map(Principal::toString).toList())
            .claim("scopes", List.copyOf(new TreeSet<>(envelope.scopes())))
            .claim("traceparent", envelope.trace() == null ? null : envelope.trace().traceparent())
            .claim("deadline", envelope.deadline() == null ? null : envelope.deadline().toString())
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(issuedAt.plus(lifetime)))
            .jwtID(Randoms.token(random, 16))
            .claim("body_sha256", bodyDigest)
            .build();
    return keys.sign(caller, TYPE, claims);
  }

  @Override
  public Envelope open(String sealed, String receiver, String bodyDigest) {
    requireText("receiver", receiver);
    requireText("bodyDigest", bodyDigest);
    var jwt = Claims.parse(sealed, TYPE, WHAT);
    var hop = Hop.read(Claims.of(jwt, WHAT));

    keys.verify(jwt, Principal.agent(hop.issuer()), WHAT);
    if (!hop.audience().equals(receiver)) {
      throw new IdentityRejected(
          "audience", "hop: expected audience '" + receiver + "', found '" + hop.audience() + "'");
    }
    var boundary = receiverTenant.apply(receiver);
    if (boundary.isEmpty() || !boundary.get().equals(hop.envelope().tenant())) {
      throw new IdentityRejected(
          "tenant",
          "hop: receiver '"
              + receiver
              + "' belongs to tenant "
              + boundary.map(t -> "'" + t + "'").orElse("(none on this node)")
              + ", the hop is for tenant '"
              + hop.envelope().tenant()
              + "'");
    }
    if (!skills.allows(hop.issuer(), receiver, hop.skill())) {
      throw new IdentityRejected(
          "skill",
          "hop: agent '"
              + hop.issuer()
              + "' may not ask '"
              + receiver
              + "' for skill '"
              + hop.skill()
              + "'");
    }
    checkFreshness(hop);
    if (!Digests.same(hop.bodyDigest(), bodyDigest)) {
      throw new IdentityRejected(
          "body", "hop: expected body digest " + hop.bodyDigest() + ", found " + bodyDigest);
    }
    var nonce = hop.issuer() + "\n" + hop.nonce();
    if (seen.asMap().putIfAbsent(nonce, hop.expiresAt()) != null) {
      throw new IdentityRejected(
          "replayed",
          "hop: nonce '" + hop.nonce() + "' of agent '" + hop.issuer() + "' was already used");
    }
    return hop.envelope();
  }

  private void checkFreshness(Hop hop) {
    var now = clock.instant();
    if (now.isAfter(hop.expiresAt().plus(skew))) {
      throw new IdentityRejected(
          "expired",
          "hop: expired at "
              + hop.expiresAt()
              + ", now is "
              + now
              + " (clock skew allowed: "
              + skew.toSeconds()
              + " s)");
    }
    if (hop.issuedAt().isAfter(now.plus(skew))) {
      throw new IdentityRejected(
          "not-yet-valid",
          "hop: issued at "
              + hop.issuedAt()
              + ", after now ("
              + now
              + ") plus the allowed clock skew of "
              + skew.toSeconds()
              + " s");
    }
    var span = Duration.between(hop.issuedAt(), hop.expiresAt());
    if (span.compareTo(MAX_LIFETIME) > 0 || span.isNegative()) {
      throw new IdentityRejected(
          "lifetime",
          "hop: expected exp at most 60 s after iat (DESIGN.md 5: \"exp ≤ 60 s\"), found "
              + span.toSeconds()
              + " s");
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInput(field, "must not be blank");
    }
  }

  /** The claims of a hop, read and cross-checked before its signature is. */
  private record Hop(
      String issuer,
      String audience,
      String skill,
      Envelope envelope,
      Instant issuedAt,
      Instant expiresAt,
      String nonce,
      String bodyDigest) {

    static Hop read(Claims claims) {
      var issuer = claims.string("iss");
      var chain = claims.strings("chain").stream().map(claims::principal).toList();
      if (chain.isEmpty() || !chain.getLast().equals(Principal.agent(issuer))) {
        throw Claims.malformed(
            WHAT, "expected 'chain' to end with agent:" + issuer + " (the iss), found " + chain);
      }
      var subject = claims.string("sub");
      if (!chain.getFirst().toString().equals(subject)) {
        throw Claims.malformed(
            WHAT,
            "expected 'sub' to be " + chain.getFirst() + " (the chain's first), found " + subject);
      }
      var trace = claims.optionalString("traceparent").map(SealedHops.Hop::trace).orElse(null);
      var deadline = claims.optionalString("deadline").map(SealedHops.Hop::instant).orElse(null);
      var envelope =
          new Envelope(
              claims.tenant("tenant"),
              chain,
              Set.copyOf(claims.strings("scopes")),
              trace,
              deadline);
      return new Hop(
          issuer,
          claims.singleAudience(),
          claims.string("skill"),
          envelope,
          claims.instant("iat"),
          claims.instant("exp"),
          claims.string("jti"),
          claims.string("body_sha256"));
    }

    private static TraceContext trace(String traceparent) {
      var match = TRACEPARENT.matcher(traceparent);
      if (!match.matches()) {
        throw Claims.malformed(
            WHAT,
            "expected a W3C traceparent '00-<32 hex>-<16 hex>-<2 hex>', found '"
                + traceparent
                + "'");
      }
      return new TraceContext(match.group(1), match.group(2));
    }

    private static Instant instant(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw Claims.malformed(
            WHAT, "expected 'deadline' as an RFC 3339 instant, found '" + text + "'");
      }
    }
  }

  /**
   * Builds {@link SealedHops}; the key ring, the tenant lookup and the skill access are required.
   */
  public static final class Builder {
    private final KeyRing keys;
    private final Function<String, Optional<TenantId>> receiverTenant;
    private final SkillAccess skills;
    private Duration lifetime = Duration.ofSeconds(30);
    private Duration skew = Duration.ofSeconds(5);
    private Clock clock;
    private SecureRandom random = new SecureRandom();

    private Builder(
        KeyRing keys, Function<String, Optional<TenantId>> receiverTenant, SkillAccess skills) {
      this.keys = Objects.requireNonNull(keys, "keys");
      this.receiverTenant = Objects.requireNonNull(receiverTenant, "receiverTenant");
      this.skills = Objects.requireNonNull(skills, "skills");
    }

    /** How long a sealed hop lives: 1 to 60 s, default 30 s. */
    public Builder lifetime(Duration lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /** How far the clocks of caller and receiver may disagree: 0 to 5 s, default 5 s. */
    public Builder clockSkew(Duration skew) {
      this.skew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** The clock; defaults to the key ring's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where nonces come from. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public SealedHops build() {
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
        throw new InvalidInput(
            "lifetime", "must be 1 to 60 s (DESIGN.md 5), got " + lifetime.toMillis() + " ms");
      }
      if (skew.isNegative() || skew.compareTo(Duration.ofSeconds(5)) > 0) {
        throw new InvalidInput("clockSkew", "must be 0 to 5 s, got " + skew.toMillis() + " ms");
      }
      return new SealedHops(this);
    }
  }
}
