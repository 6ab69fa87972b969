package dev.colony.identity.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.KeyRing;
import dev.colony.identity.internal.Claims;
import dev.colony.identity.internal.Randoms;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tokens the exchange signs and reads back: the access tokens it issues and the actor tokens
 * agents present. Thread-safe: immutable.
 */
final class ExchangedTokens {
  /** The {@code typ} of an issued access token (RFC 9068). */
  static final JOSEObjectType ACCESS_TYPE = new JOSEObjectType("at+jwt");

  /** The {@code typ} of an actor token. */
  static final JOSEObjectType ACTOR_TYPE = new JOSEObjectType("colony-actor+jwt");

  /** How long an actor token lives. */
  static final Duration ACTOR_LIFETIME = Duration.ofSeconds(60);

  private final KeyRing keys;
  private final Principal owner;
  private final URI issuer;
  private final Clock clock;
  private final Duration skew;
  private final SecureRandom random;

  ExchangedTokens(
      KeyRing keys, Principal owner, URI issuer, Clock clock, Duration skew, SecureRandom random) {
    this.keys = keys;
    this.owner = owner;
    this.issuer = issuer;
    this.clock = clock;
    this.skew = skew;
    this.random = random;
  }

  /** Signs an access token for {@code audience}. */
  String issue(
      BearerIdentity subject,
      String audience,
      Set<String> scopes,
      List<Principal> actors,
      Instant issuedAt,
      Instant expiresAt) {
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.toString())
            .subject(subject.subject().id())
            .audience(audience)
            .claim("tenant", subject.tenant().value())
            .claim("scope", String.join(" ", new TreeSet<>(scopes)))
            .claim("act", Acts.write(actors))
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(Randoms.token(random, 16))
            .build();
    return keys.sign(owner, ACCESS_TYPE, claims);
  }

  /** Reads back an access token this exchange issued for {@code audience}. */
  BearerIdentity verify(String token, String audience) {
    var what = "exchanged token";
    var jwt = Claims.parse(token, ACCESS_TYPE, what);
    var claims = Claims.of(jwt, what);
    var found = claims.string("iss");
    if (!issuer.toString().equals(found)) {
      throw new IdentityRejected(
          "issuer", what + ": expected issuer '" + issuer + "', found '" + found + "'");
    }
    var subject = Principal.user(claims.string("sub"));
    var tenant = claims.tenant("tenant");
    var foundAudience = claims.singleAudience();
    var actors = Acts.read(claims.object("act").orElse(null), what);
    var expiresAt = claims.instant("exp");
    keys.verify(jwt, owner, what);
    if (!foundAudience.equals(audience)) {
      throw new IdentityRejected(
          "audience",
          what + ": expected audience '" + audience + "', found '" + foundAudience + "'");
    }
    checkNotExpired(what, expiresAt);
    var scopes = BearerTokens.split(claims.optionalString("scope").orElse(""));
    return new BearerIdentity(found, subject, tenant, scopes, actors, expiresAt);
  }

  /** An actor token for an agent, signed with the agent's own key. */
  String actorToken(String agent) {
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(agent)
            .subject(agent)
            .audience(issuer.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ACTOR_LIFETIME)))
            .jwtID(Randoms.token(random, 16))
            .build();
    return keys.sign(Principal.agent(agent), ACTOR_TYPE, claims);
  }

  /** The agent an actor token names, after checking it signed the token for this exchange. */
  Principal actor(String token) {
    var what = "actor token";
    var jwt = Claims.parse(token, ACTOR_TYPE, what);
    var claims = Claims.of(jwt, what);
    var agent = claims.string("sub");
    if (!agent.equals(claims.string("iss"))) {
      throw Claims.malformed(what, "expected 'iss' to equal 'sub' ('" + agent + "')");
    }
    var audience = claims.singleAudience();
    var issuedAt = claims.instant("iat");
    var expiresAt = claims.instant("exp");
    var actor = Principal.agent(agent);
    keys.verify(jwt, actor, what);
    if (!issuer.toString().equals(audience)) {
      throw new IdentityRejected(
          "audience", what + ": expected audience '" + issuer + "', found '" + audience + "'");
    }
    checkNotExpired(what, expiresAt);
    if (issuedAt.isAfter(clock.instant().plus(skew))) {
      throw new IdentityRejected(
          "not-yet-valid", what + ": issued at " + issuedAt + ", after now plus the clock skew");
    }
    if (Duration.between(issuedAt, expiresAt).compareTo(ACTOR_LIFETIME) > 0) {
      throw new IdentityRejected(
          "lifetime",
          what + ": expected exp at most 60 s after iat, found " + issuedAt + " .. " + expiresAt);
    }
    return actor;
  }

  private void checkNotExpired(String what, Instant expiresAt) {
    var now = clock.instant();
    if (now.isAfter(expiresAt.plus(skew))) {
      throw new IdentityRejected("expired", what + ": expired at " + expiresAt + ", now is " + now);
    }
  }
}
