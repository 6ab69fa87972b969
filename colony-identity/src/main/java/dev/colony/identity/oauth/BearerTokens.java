package dev.colony.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.internal.Claims;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates inbound OAuth 2 / OpenID Connect bearer tokens (signed JWTs) from one issuer.
 * Thread-safe: the issuer's keys are found once, lazily, under a lock, and then read from Nimbus's
 * caching, rate-limited JWK source.
 *
 * <p>The keys come from the issuer's {@code jwks_uri}, found in its OpenID provider metadata
 * ({@code ISSUER/.well-known/openid-configuration}) unless given. {@link #verify} checks, in order:
 * {@code malformed}, {@code issuer} (before any key is fetched), {@code signature} (an allowed
 * asymmetric algorithm and a key of the issuer's JWKS; an unknown key id makes the source refetch,
 * rate-limited), {@code audience}, {@code expired} / {@code not-yet-valid} ({@code exp} required,
 * {@code nbf} and {@code iat} honoured, bounded clock skew), {@code malformed} for a missing {@code
 * sub}, {@code tenant} (a configurable claim, default {@code tenant}). Scopes come from {@code
 * scope} (space-separated) or {@code scp} (array or string); actors from a nested {@code act}.
 *
 * <p>When the issuer cannot be reached the result is a {@link ColonyException} that is not an
 * {@link IdentityRejected}: the token was not judged.
 */
public final class BearerTokens {
  private static final Set<JWSAlgorithm> DEFAULT_ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);
  private static final String WHAT = "bearer token";

  private final URI issuer;
  private final String audience;
  private final URI jwksUri;
  private final String tenantClaim;
  private final TenantId defaultTenant;
  private final Set<JWSAlgorithm> algorithms;
  private final Clock clock;
  private final Duration skew;
  private final Duration timeout;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();
  private final Object discovery = new Object();
  private volatile JWSVerificationKeySelector<SecurityContext> keys;

  private BearerTokens(Builder builder) {
    this.issuer = builder.issuer;
    this.audience = builder.audience;
    this.jwksUri = builder.jwksUri;
    this.tenantClaim = builder.tenantClaim;
    this.defaultTenant = builder.defaultTenant;
    this.algorithms = Set.copyOf(builder.algorithms);
    this.clock = builder.clock;
    this.skew = builder.skew;
    this.timeout = builder.timeout;
    this.keys =
        builder.source == null
            ? null
            : new JWSVerificationKeySelector<>(algorithms, builder.source);
  }

  /**
   * A builder.
   *
   * @param issuer the issuer tokens must name in {@code iss}, exactly
   * @param audience the audience tokens must name in {@code aud} (Colony's client id at the issuer)
   */
  public static Builder builder(URI issuer, String audience) {
    return new Builder(issuer, audience);
  }

  public URI issuer() {
    return issuer;
  }

  /**
   * The identity a bearer token speaks for.
   *
   * @param token the token, without the {@code Bearer } prefix
   * @throws IdentityRejected naming the first check that failed
   */
  public BearerIdentity verify(String token) {
    if (token == null || token.isBlank()) {
      throw Claims.malformed(WHAT, "expected a JWT, found nothing");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token.strip());
    } catch (ParseException e) {
      throw Claims.malformed(
          WHAT, "expected a signed JWT (three base64url parts): " + e.getMessage());
    }
    var claims = Claims.of(jwt, WHAT);
    var found = claims.optionalString("iss").orElse(null);
    if (!issuer.toString().equals(found)) {
      throw new IdentityRejected(
          "issuer", WHAT + ": expected issuer '" + issuer + "', found '" + found + "'");
    }
    checkSignature(jwt);
    var audiences = claims.set().getAudience();
    if (audiences == null || !audiences.contains(audience)) {
      throw new IdentityRejected(
          "audience", WHAT + ": expected audience '" + audience + "', found " + audiences);
    }
    var expiresAt = claims.instant("exp");
    var now = clock.instant();
    if (now.isAfter(expiresAt.plus(skew))) {
      throw new IdentityRejected("expired", WHAT + ": expired at " + expiresAt + ", now is " + now);
    }
    for (var name : List.of("nbf", "iat")) {
      var at = claims.optionalInstant(name);
      if (at.isPresent() && at.get().isAfter(now.plus(skew))) {
        throw new IdentityRejected(
            "not-yet-valid",
            WHAT + ": '" + name + "' is " + at.get() + ", after now (" + now + ")");
      }
    }
    var subject = Principal.user(claims.string("sub"));
    return new BearerIdentity(
        found,
        subject,
        tenant(claims),
        scopes(claims),
        Acts.read(claims.object("act").orElse(null), WHAT),
        expiresAt);
  }

  private void checkSignature(SignedJWT jwt) {
    var header = jwt.getHeader();
    if (!algorithms.contains(header.getAlgorithm())) {
      throw new IdentityRejected(
          "signature",
          WHAT + ": algorithm " + header.getAlgorithm() + " is not one of " + names(algorithms));
    }
    List<java.security.Key> candidates;
    try {
      candidates = selector().selectJWSKeys(header, null);
    } catch (KeySourceException e) {
      throw new ColonyException(
          "cannot fetch the signing keys of issuer '" + issuer + "': " + e.getMessage(), e);
    }
    for (var key : candidates) {
      try {
        if (jwt.verify(verifiers.createJWSVerifier(header, key))) {
          return;
        }
      } catch (JOSEException | IllegalStateException e) {
        // try the next candidate; none verifying is reported below
      }
    }
    throw new IdentityRejected(
        "signature",
        WHAT
            + ": "
            + (candidates.isEmpty()
                ? "no key of issuer '" + issuer + "' has key id '" + header.getKeyID() + "'"
                : "signature does not verify with key id '" + header.getKeyID() + "'"));
  }

  private JWSVerificationKeySelector<SecurityContext> selector() {
    var selector = keys;
    if (selector != null) {
      return selector;
    }
    synchronized (discovery) {
      if (keys == null) {
        keys = new JWSVerificationKeySelector<>(algorithms, remoteSource());
      }
      return keys;
    }
  }

  private JWKSource<SecurityContext> remoteSource() {
    var millis = (int) timeout.toMillis();
    URI uri = jwksUri;
    if (uri == null) {
      try {
        uri = OIDCProviderMetadata.resolve(new Issuer(issuer), millis, millis).getJWKSetURI();
      } catch (GeneralException | IOException e) {
        throw new ColonyException(
            "cannot read the OpenID provider metadata of issuer '"
                + issuer
                + "': "
                + e.getMessage(),
            e);
      }
    }
    try {
      return JWKSourceBuilder.<SecurityContext>create(
              uri.toURL(), new DefaultResourceRetriever(millis, millis, 512 * 1024))
          .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new ColonyException("jwks_uri '" + uri + "' is not a URL: " + e.getMessage(), e);
    }
  }

  private TenantId tenant(Claims claims) {
    var value = claims.optionalString(tenantClaim);
    if (value.isEmpty()) {
      if (defaultTenant != null) {
        return defaultTenant;
      }
      throw new IdentityRejected(
          "tenant",
          WHAT + ": expected a '" + tenantClaim + "' claim naming the tenant, found none");
    }
    try {
      return TenantId.of(value.get());
    } catch (InvalidInput e) {
      throw new IdentityRejected(
          "tenant", WHAT + ": claim '" + tenantClaim + "': " + e.getMessage());
    }
  }

  static Set<String> scopes(Claims claims) {
    var scope = claims.optionalString("scope");
    if (scope.isPresent()) {
      return split(scope.get());
    }
    var scp = claims.set().getClaim("scp");
    if (scp instanceof String text) {
      return split(text);
    }
    if (scp instanceof List<?> list) {
      return list.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
    }
    return Set.of();
  }

  static Set<String> split(String scope) {
    return Arrays.stream(scope.trim().split(" +"))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String names(Set<JWSAlgorithm> algorithms) {
    return algorithms.stream().map(JWSAlgorithm::getName).sorted().toList().toString();
  }

  /** Builds {@link BearerTokens}; the issuer and the audience are required. */
  public static final class Builder {
    private final URI issuer;
    private final String audience;
    private URI jwksUri;
    private String tenantClaim = "tenant";
    private TenantId defaultTenant;
    private Set<JWSAlgorithm> algorithms = DEFAULT_ALGORITHMS;
    private Clock clock = Clock.systemUTC();
    private Duration skew = Duration.ofSeconds(30);
    private Duration timeout = Duration.ofSeconds(2);
    private JWKSource<SecurityContext> source;

    private Builder(URI issuer, String audience) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      this.audience = Objects.requireNonNull(audience, "audience");
    }

    /** The issuer's JWK Set; without it, found from the issuer's metadata on first use. */
    public Builder jwksUri(URI jwksUri) {
      this.jwksUri = Objects.requireNonNull(jwksUri, "jwksUri");
      return this;
    }

    /** The claim naming the tenant; default {@code tenant}. */
    public Builder tenantClaim(String tenantClaim) {
      this.tenantClaim = Objects.requireNonNull(tenantClaim, "tenantClaim");
      return this;
    }

    /** The tenant of tokens that name none; without it such tokens are refused. */
    public Builder defaultTenant(TenantId tenant) {
      this.defaultTenant = Objects.requireNonNull(tenant, "tenant");
      return this;
    }

    /**
     * The accepted JWS algorithms, by name: a subset of the RS, PS and ES families, which is the
     * default. Symmetric algorithms and {@code none} are never accepted.
     */
    public Builder algorithms(Set<String> names) {
      var parsed = names.stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
      for (var algorithm : parsed) {
        if (!DEFAULT_ALGORITHMS.contains(algorithm)) {
          throw new InvalidInput(
              "algorithms", "accepts only asymmetric algorithms, got '" + algorithm + "'");
        }
      }
      this.algorithms = Set.copyOf(parsed);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How far the issuer's clock may be off; 0 to 5 min, default 30 s. */
    public Builder clockSkew(Duration skew) {
      this.skew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** Connect and read timeout for the issuer's metadata and keys; default 2 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Keys held in-process, for the development issuer; no HTTP. */
    Builder source(JWKSource<SecurityContext> source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    public BearerTokens build() {
      if (audience.isBlank()) {
        throw new InvalidInput("audience", "must not be blank");
      }
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new InvalidInput("clockSkew", "must be 0 to 5 min, got " + skew.toSeconds() + " s");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidInput("timeout", "must be positive, got " + timeout.toMillis() + " ms");
      }
      if (algorithms.isEmpty()) {
        throw new InvalidInput("algorithms", "must name at least one algorithm");
      }
      return new BearerTokens(this);
    }
  }
}
