package dev.colony.identity.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.identity.KeyRing;
import dev.colony.identity.internal.Randoms;
import java.net.URI;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in issuer of the embedded default node: it mints users' access tokens (ES256, {@code
 * typ} {@code at+jwt}) for the local user, signed with the key of {@link #KEY_OWNER}, so the node
 * runs the same bearer-token path as with a real OpenID provider. Thread-safe: immutable.
 *
 * <p>Its public keys ({@link #jwks()}) and its OpenID provider metadata ({@link #metadata(URI)})
 * are ready to be served, at {@code jwks_uri} and at {@code
 * ISSUER/.well-known/openid-configuration}; {@link #bearerTokens(String)} verifies its tokens
 * in-process, without HTTP. It authenticates nobody: it is for a laptop, where the person at the
 * keyboard is the user. Use an OIDC issuer in production.
 */
public final class DevelopmentIssuer {
  /** The owner of the issuer's signing key. */
  public static final Principal KEY_OWNER = Principal.service("dev-issuer");

  private static final Duration MAX_LIFETIME = Duration.ofHours(24);

  private final KeyRing keys;
  private final URI issuer;
  private final SecureRandom random;

  private DevelopmentIssuer(KeyRing keys, URI issuer, SecureRandom random) {
    this.keys = keys;
    this.issuer = issuer;
    this.random = random;
  }

  /** An issuer named {@code issuer} signing with the ring's development key (enrolled now). */
  public static DevelopmentIssuer create(KeyRing keys, URI issuer) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(issuer, "issuer");
    keys.enroll(KEY_OWNER);
    return new DevelopmentIssuer(keys, issuer, new SecureRandom());
  }

  public URI issuer() {
    return issuer;
  }

  /**
   * An access token for a user.
   *
   * @param user the user's subject
   * @param tenant written into the {@code tenant} claim
   * @param scopes written into the {@code scope} claim
   * @param audience who the token is for (Colony's client id)
   * @param lifetime how long it lives, up to 24 h
   */
  public String mint(
      String user, TenantId tenant, Set<String> scopes, String audience, Duration lifetime) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scopes, "scopes");
    if (user == null || user.isBlank()) {
      throw new InvalidInput("user", "must not be blank");
    }
    if (audience == null || audience.isBlank()) {
      throw new InvalidInput("audience", "must not be blank");
    }
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new InvalidInput("lifetime", "must be 1 s to 24 h, got " + lifetime.toSeconds() + " s");
    }
    var now = keys.clock().instant().truncatedTo(ChronoUnit.SECONDS);
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer.toString())
            .subject(user)
            .audience(audience)
            .claim("tenant", tenant.value())
            .claim("scope", String.join(" ", new TreeSet<>(scopes)))
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)))
            .jwtID(Randoms.token(random, 16))
            .build();
    return keys.sign(KEY_OWNER, ExchangedTokens.ACCESS_TYPE, claims);
  }

  /** The issuer's public JWK Set, to serve at its {@code jwks_uri}. */
  public String jwks() {
    return keys.jwks(KEY_OWNER::equals);
  }

  /**
   * The issuer's OpenID provider metadata (OpenID Connect Discovery 1.0), to serve at {@code
   * ISSUER/.well-known/openid-configuration}.
   *
   * @param jwksUri where {@link #jwks()} is served
   */
  public String metadata(URI jwksUri) {
    var metadata =
        new OIDCProviderMetadata(new Issuer(issuer), List.of(SubjectType.PUBLIC), jwksUri);
    metadata.setResponseTypes(List.of(ResponseType.CODE));
    metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.ES256));
    return metadata.toJSONObject().toJSONString();
  }

  /** Verifies this issuer's tokens for {@code audience} with its keys in-process. */
  public BearerTokens bearerTokens(String audience) {
    JWKSource<SecurityContext> source =
        (selector, context) -> {
          try {
            return selector.select(JWKSet.parse(jwks()));
          } catch (ParseException e) {
            throw new IllegalStateException("the key ring wrote an unreadable JWK Set", e);
          }
        };
    return BearerTokens.builder(issuer, audience)
        .algorithms(Set.of("ES256"))
        .clock(keys.clock())
        .source(source)
        .build();
  }
}
