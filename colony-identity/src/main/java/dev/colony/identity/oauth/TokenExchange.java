package dev.colony.identity.oauth;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.KeyRing;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RFC 8693 token exchange: each hop gets a token whose scopes are the intersection of the scopes
 * held, the scopes asked for and the scopes allowed for the audience, so scopes only ever shrink.
 * Thread-safe: immutable after building.
 *
 * <p>A pure Java API in the shape of the token endpoint: {@link #exchange} takes the form
 * parameters of the request ({@code grant_type=urn:ietf:params:oauth:grant-type:token-exchange},
 * {@code subject_token}, {@code subject_token_type}, optional {@code actor_token} and {@code
 * actor_token_type}, {@code audience}, optional {@code scope} and {@code requested_token_type}) and
 * answers with the response body and status (RFC 8693 section 2.2). Errors use RFC 6749 / RFC 8693
 * codes: {@code invalid_request} (a missing or duplicated parameter, an unsupported token type, a
 * subject or actor token that does not verify, RFC 8693 section 2.2.2), {@code
 * unsupported_grant_type}, {@code invalid_target} (an unknown audience, several audiences, {@code
 * resource}), {@code invalid_scope} (nothing left after the intersection), {@code
 * temporarily_unavailable} (an upstream issuer cannot be reached).
 *
 * <p>The subject token is a user's token from a trusted upstream issuer ({@link BearerTokens}), or
 * a token this exchange issued earlier; the latter may only be exchanged by the agent it was issued
 * to, proven by its actor token. The actor token ({@link #actorToken}) is a JWS the agent signs
 * with its own key. The issued token (ES256, {@code typ} {@code at+jwt}, signed with the key of
 * {@link #KEY_OWNER}) carries {@code iss}, {@code sub}, {@code aud}, {@code tenant}, {@code scope},
 * {@code act} (RFC 8693 section 4.1: the newest actor outermost, earlier actors nested inside),
 * {@code iat}, {@code exp} (no later than the subject token's) and {@code jti}.
 */
public final class TokenExchange {
  private static final Logger log = LoggerFactory.getLogger(TokenExchange.class);

  /** The RFC 8693 grant type. */
  public static final String GRANT_TYPE = TokenExchangeGrant.GRANT_TYPE.getValue();

  /** The owner of the key the exchange signs with. */
  public static final Principal KEY_OWNER = Principal.service("token-exchange");

  private static final Set<TokenTypeURI> TOKEN_TYPES =
      Set.of(TokenTypeURI.ACCESS_TOKEN, TokenTypeURI.JWT);

  private final URI issuer;
  private final Map<String, BearerTokens> upstream;
  private final Map<String, Set<String>> audiences;
  private final Duration lifetime;
  private final Clock clock;
  private final ExchangedTokens tokens;

  private TokenExchange(Builder builder) {
    this.issuer = builder.issuer;
    this.upstream = Map.copyOf(builder.upstream);
    this.audiences = Map.copyOf(builder.audiences);
    this.lifetime = builder.lifetime;
    this.clock = builder.keys.clock();
    builder.keys.enroll(KEY_OWNER);
    this.tokens =
        new ExchangedTokens(builder.keys, KEY_OWNER, issuer, clock, builder.skew, builder.random);
  }

  /**
   * A builder.
   *
   * @param keys where the exchange's key and the agents' keys are
   * @param issuer the exchange's issuer identifier, written into the tokens it issues
   */
  public static Builder builder(KeyRing keys, URI issuer) {
    return new Builder(keys, issuer);
  }

  public URI issuer() {
    return issuer;
  }

  /**
   * Answers one token-exchange request.
   *
   * @param form the request's form parameters, each name with its values
   */
  public ExchangeResult exchange(Map<String, List<String>> form) {
    try {
      return issue(Objects.requireNonNull(form, "form"));
    } catch (Refusal refusal) {
      log.debug("Token exchange refused: {} {}", refusal.error, refusal.getMessage());
      return new ExchangeResult.Refused(refusal.error, refusal.getMessage());
    } catch (IdentityRejected e) {
      // only signing the issued token gets here: the exchange's own key was revoked
      log.error("Token exchange cannot sign: {}", e.getMessage());
      return new ExchangeResult.Refused(
          OAuth2Error.SERVER_ERROR_CODE, "the exchange cannot sign tokens: " + e.check());
    }
  }

  /**
   * Reads a token this exchange issued, for the agent it was issued to.
   *
   * @throws IdentityRejected naming the first check that failed
   */
  public BearerIdentity verify(String token, String audience) {
    return tokens.verify(token, audience);
  }

  /** An actor token for {@code agent}, signed with its own key, to send as {@code actor_token}. */
  public String actorToken(String agent) {
    return tokens.actorToken(agent);
  }

  private ExchangeResult issue(Map<String, List<String>> form) {
    for (var parameter : form.entrySet()) {
      if (parameter.getKey() == null
          || parameter.getValue() == null
          || parameter.getValue().stream().anyMatch(Objects::isNull)) {
        throw new Refusal(
            OAuth2Error.INVALID_REQUEST_CODE,
            "parameter '" + parameter.getKey() + "' has no name or a missing value");
      }
      if (!parameter.getKey().equals("audience") && parameter.getValue().size() > 1) {
        throw new Refusal(
            OAuth2Error.INVALID_REQUEST_CODE,
            "parameter '" + parameter.getKey() + "' must not appear more than once (RFC 6749 3.2)");
      }
    }
    var grantType = first(form, "grant_type");
    if (grantType == null) {
      throw new Refusal(OAuth2Error.INVALID_REQUEST_CODE, "missing grant_type");
    }
    if (!GRANT_TYPE.equals(grantType)) {
      throw new Refusal(
          OAuth2Error.UNSUPPORTED_GRANT_TYPE_CODE,
          "expected grant_type '" + GRANT_TYPE + "', found '" + grantType + "'");
    }
    if (form.containsKey("resource")) {
      throw new Refusal(
          OAuth2Error.INVALID_TARGET_CODE,
          "resource is not supported: name the receiving agent in audience");
    }
    TokenExchangeGrant grant;
    try {
      grant = TokenExchangeGrant.parse(form);
    } catch (ParseException e) {
      throw new Refusal(OAuth2Error.INVALID_REQUEST_CODE, e.getMessage());
    }
    supported("subject_token_type", grant.getSubjectTokenType());
    if (grant.getRequestedTokenType() != null) {
      supported("requested_token_type", grant.getRequestedTokenType());
    }
    var audience = audience(grant);
    var actor = grant.getActorToken() == null ? null : actor(grant);
    var subject = subject(grant.getSubjectToken().getValue(), actor);

    var asked =
        first(form, "scope") == null ? subject.scopes() : BearerTokens.split(first(form, "scope"));
    var allowed = audiences.get(audience);
    var granted = new TreeSet<>(subject.scopes());
    granted.retainAll(asked);
    granted.retainAll(allowed);
    if (granted.isEmpty()) {
      throw new Refusal(
          OAuth2Error.INVALID_SCOPE_CODE,
          "no scope is held "
              + new TreeSet<>(subject.scopes())
              + ", asked for "
              + new TreeSet<>(asked)
              + " and allowed for audience '"
              + audience
              + "' "
              + new TreeSet<>(allowed)
              + " at once");
    }

    var actors = new ArrayList<>(subject.actors());
    if (actor != null) {
      actors.add(actor);
    }
    var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    var expiresAt = min(now.plus(lifetime), subject.expiresAt());
    if (!expiresAt.isAfter(now)) {
      throw new Refusal(
          OAuth2Error.INVALID_REQUEST_CODE, "subject_token expires at " + subject.expiresAt());
    }
    var token = tokens.issue(subject, audience, granted, actors, now, expiresAt);
    var issuedType =
        grant.getRequestedTokenType() == null
            ? TokenTypeURI.ACCESS_TOKEN
            : grant.getRequestedTokenType();
    return new ExchangeResult.Issued(
        token,
        issuedType.getURI().toString(),
        Duration.between(now, expiresAt).toSeconds(),
        granted);
  }

  private String audience(TokenExchangeGrant grant) {
    var requested = grant.getAudience();
    if (requested == null || requested.isEmpty()) {
      throw new Refusal(
          OAuth2Error.INVALID_REQUEST_CODE, "missing audience: name the agent the token is for");
    }
    if (requested.size() > 1) {
      throw new Refusal(
          OAuth2Error.INVALID_TARGET_CODE,
          "expected one audience per exchange, found " + requested.size());
    }
    var audience = requested.getFirst().getValue();
    if (!audiences.containsKey(audience)) {
      throw new Refusal(
          OAuth2Error.INVALID_TARGET_CODE,
          "audience '" + audience + "' is not one this exchange issues tokens for");
    }
    return audience;
  }

  private Principal actor(TokenExchangeGrant grant) {
    if (!TokenTypeURI.JWT.equals(grant.getActorTokenType())) {
      throw new Refusal(
          OAuth2Error.INVALID_REQUEST_CODE,
          "unsupported actor_token_type '"
              + grant.getActorTokenType()
              + "'; expected '"
              + TokenTypeURI.JWT
              + "'");
    }
    try {
      return tokens.actor(grant.getActorToken().getValue());
    } catch (IdentityRejected e) {
      throw new Refusal(OAuth2Error.INVALID_REQUEST_CODE, "actor_token: " + e.getMessage());
    }
  }

  private BearerIdentity subject(String token, Principal actor) {
    String tokenIssuer;
    try {
      tokenIssuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
    } catch (java.text.ParseException e) {
      throw new Refusal(
          OAuth2Error.INVALID_REQUEST_CODE, "subject_token: malformed: expected a signed JWT");
    }
    try {
      if (issuer.toString().equals(tokenIssuer)) {
        if (actor == null) {
          throw new Refusal(
              OAuth2Error.INVALID_REQUEST_CODE,
              "actor_token is required to exchange a token this exchange issued");
        }
        return tokens.verify(token, actor.id());
      }
      var verifier = tokenIssuer == null ? null : upstream.get(tokenIssuer);
      if (verifier == null) {
        throw new Refusal(
            OAuth2Error.INVALID_REQUEST_CODE,
            "subject_token: issuer '" + tokenIssuer + "' is not trusted by this exchange");
      }
      return verifier.verify(token);
    } catch (IdentityRejected e) {
      throw new Refusal(OAuth2Error.INVALID_REQUEST_CODE, "subject_token: " + e.getMessage());
    } catch (Refusal e) {
      throw e;
    } catch (ColonyException e) {
      throw new Refusal(OAuth2Error.TEMPORARILY_UNAVAILABLE_CODE, e.getMessage());
    }
  }

  private static void supported(String parameter, TokenTypeURI type) {
    if (!TOKEN_TYPES.contains(type)) {
      throw new Refusal(
          OAuth2Error.INVALID_REQUEST_CODE,
          "unsupported "
              + parameter
              + " '"
              + type
              + "'; expected '"
              + TokenTypeURI.ACCESS_TOKEN
              + "' or '"
              + TokenTypeURI.JWT
              + "'");
    }
  }

  private static String first(Map<String, List<String>> form, String name) {
    var values = form.get(name);
    return values == null || values.isEmpty() || values.getFirst().isBlank()
        ? null
        : values.getFirst();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /** A refusal on its way to becoming an error response. */
  private static final class Refusal extends ColonyException {
    private static final long serialVersionUID = 1L;
    private final String error;

    Refusal(String error, String description) {
      super(description);
      this.error = error;
    }
  }

  /** Builds a {@link TokenExchange}; the key ring and the issuer are required. */
  public static final class Builder {
    private final KeyRing keys;
    private final URI issuer;
    private final Map<String, BearerTokens> upstream = new LinkedHashMap<>();
    private final Map<String, Set<String>> audiences = new LinkedHashMap<>();
    private Duration lifetime = Duration.ofMinutes(5);
    private Duration skew = Duration.ofSeconds(5);
    private SecureRandom random = new SecureRandom();

    private Builder(KeyRing keys, URI issuer) {
      this.keys = Objects.requireNonNull(keys, "keys");
      this.issuer = Objects.requireNonNull(issuer, "issuer");
    }

    /** Trusts users' tokens from an upstream issuer as subject tokens. */
    public Builder upstream(BearerTokens issuer) {
      upstream.put(issuer.issuer().toString(), issuer);
      return this;
    }

    /** An agent tokens may be issued for, and the most it may be given. */
    public Builder audience(String audience, Set<String> allowedScopes) {
      if (audience == null || audience.isBlank()) {
        throw new InvalidInput("audience", "must not be blank");
      }
      audiences.put(audience, Set.copyOf(allowedScopes));
      return this;
    }

    /** The longest an issued token lives: 1 s to 1 h, default 5 min. */
    public Builder lifetime(Duration lifetime) {
      this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /** How far clocks may be off when reading tokens: 0 to 5 s, default 5 s. */
    public Builder clockSkew(Duration skew) {
      this.skew = Objects.requireNonNull(skew, "skew");
      return this;
    }

    /** Where token ids come from. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public TokenExchange build() {
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0
          || lifetime.compareTo(Duration.ofHours(1)) > 0) {
        throw new InvalidInput(
            "lifetime", "must be 1 s to 1 h, got " + lifetime.toSeconds() + " s");
      }
      if (skew.isNegative() || skew.compareTo(Duration.ofSeconds(5)) > 0) {
        throw new InvalidInput("clockSkew", "must be 0 to 5 s, got " + skew.toMillis() + " ms");
      }
      return new TokenExchange(this);
    }
  }
}
