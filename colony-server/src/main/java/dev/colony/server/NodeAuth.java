package dev.colony.server;

import dev.colony.core.ColonyException;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.KeyRing;
import dev.colony.identity.oauth.BearerTokens;
import dev.colony.identity.oauth.DevelopmentIssuer;
import dev.colony.identity.oauth.ExchangeResult;
import dev.colony.identity.oauth.TokenExchange;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who calls a node's HTTP API, and the token exchange that narrows their tokens for each agent.
 * Thread-safe: immutable.
 *
 * <p>A caller presents an OAuth 2 bearer token ({@code Authorization: Bearer ...}) from the node's
 * issuer: the built-in development issuer ({@code colony auth token} mints its tokens) or an OpenID
 * Connect issuer. The token's subject is the user, its {@code tenant} claim the only tenant the
 * caller reaches, its scopes what the caller may do: {@value #READ} to read agents, runs and
 * approvals, {@value #RUN} to start, resume and cancel runs, {@value #APPROVE} to approve or deny,
 * plus the scopes of the agents' own work ({@link AgentSpec#scopes()}), which the runs it starts
 * carry.
 *
 * <p>With authentication off every request acts as the node's local user, in its tenant, with every
 * scope.
 */
public final class NodeAuth {
  private static final Logger log = LoggerFactory.getLogger(NodeAuth.class);

  /** Read agents, runs and approvals. */
  public static final String READ = "colony:read";

  /** Start, resume and cancel runs. */
  public static final String RUN = "colony:run";

  /** Approve or deny approval requests. */
  public static final String APPROVE = "colony:approve";

  /** The scopes of the API itself. */
  public static final Set<String> API_SCOPES = Set.of(READ, RUN, APPROVE);

  /** The issuer identifier of the tokens the node's exchange issues. */
  public static final URI EXCHANGE_ISSUER = URI.create("urn:colony:token-exchange");

  private final Envelope local;
  private final Set<String> allScopes;
  private final BearerTokens bearer;
  private final TokenExchange exchange;

  private NodeAuth(
      Envelope local, Set<String> allScopes, BearerTokens bearer, TokenExchange exchange) {
    this.local = local;
    this.allScopes = allScopes;
    this.bearer = bearer;
    this.exchange = exchange;
  }

  /**
   * The node's authentication, as its configuration says.
   *
   * @param agents the node's agents: the audiences of the exchange, and their scopes
   */
  static NodeAuth create(NodeConfig config, KeyRing keys, Collection<AgentSpec> agents) {
    var settings = config.authentication();
    var all = scopesOf(agents);
    var local = Envelope.of(config.tenant(), config.user(), all);
    if (settings.mode() == Authentication.Mode.OFF) {
      log.warn(
          "Authentication is OFF: every HTTP request acts as {} in tenant {} with every scope",
          config.user(),
          config.tenant());
      return new NodeAuth(local, all, null, null);
    }
    BearerTokens bearer;
    if (settings.mode() == Authentication.Mode.DEVELOPMENT) {
      bearer = DevelopmentIssuer.create(keys, settings.issuer()).bearerTokens(settings.audience());
    } else {
      var builder =
          BearerTokens.builder(settings.issuer(), settings.audience())
              .tenantClaim(settings.tenantClaim());
      if (settings.jwksUri() != null) {
        builder.jwksUri(settings.jwksUri());
      }
      bearer = builder.build();
    }
    var exchange = TokenExchange.builder(keys, EXCHANGE_ISSUER).upstream(bearer);
    agents.forEach(agent -> exchange.audience(agent.name(), agent.scopes()));
    log.info(
        "Authentication: bearer tokens from {} for audience '{}'",
        settings.mode() == Authentication.Mode.DEVELOPMENT
            ? "the development issuer (colony auth token)"
            : settings.issuer(),
        settings.audience());
    return new NodeAuth(local, all, bearer, exchange.build());
  }

  /** Every scope a node of these agents knows: the API's and the agents' own. */
  static Set<String> scopesOf(Collection<AgentSpec> agents) {
    var scopes = new TreeSet<>(API_SCOPES);
    agents.forEach(agent -> scopes.addAll(agent.scopes()));
    return Set.copyOf(scopes);
  }

  /**
   * A development token for a user of a node's data directory, signed with the development key kept
   * there: whoever can read the directory can mint one, which is all the development issuer proves.
   */
  public static String developmentToken(
      KeyRing keys, TenantId tenant, String user, Set<String> scopes, Duration lifetime) {
    return DevelopmentIssuer.create(keys, Authentication.DEVELOPMENT_ISSUER)
        .mint(user, tenant, scopes, Authentication.DEFAULT_AUDIENCE, lifetime);
  }

  /** Whether callers must present a bearer token. */
  public boolean required() {
    return bearer != null;
  }

  /** Every scope the node knows: the API's and its agents'. */
  public Set<String> allScopes() {
    return allScopes;
  }

  /** The envelope of the node's local user, for commands run on the node's own machine. */
  public Envelope localEnvelope() {
    return local;
  }

  /**
   * The caller an {@code Authorization} header speaks for.
   *
   * @param authorization the header's value, or {@code null} when the request has none
   * @throws Unauthenticated when the header is missing or malformed or its token does not verify
   * @throws IssuerUnavailable when the issuer's keys cannot be fetched (the token was not judged)
   */
  public Caller authenticate(String authorization) {
    if (bearer == null) {
      return new Caller(local.originator(), local);
    }
    if (authorization == null || authorization.isBlank()) {
      throw new Unauthenticated(null, "this API needs an 'Authorization: Bearer TOKEN' header");
    }
    var parts = authorization.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
      throw new Unauthenticated(
          "invalid_request", "the Authorization header must be 'Bearer TOKEN'");
    }
    try {
      var identity = bearer.verify(parts[1]);
      return new Caller(identity.subject(), identity.envelope());
    } catch (IdentityRejected e) {
      throw new Unauthenticated("invalid_token", e.getMessage());
    } catch (ColonyException e) {
      throw new IssuerUnavailable(e.getMessage(), e);
    }
  }

  /**
   * Answers an RFC 8693 token-exchange request; empty when authentication is off (there is no token
   * to exchange).
   */
  public Optional<ExchangeResult> exchange(Map<String, List<String>> form) {
    return exchange == null ? Optional.empty() : Optional.of(exchange.exchange(form));
  }

  /** The exchange, for reading back the tokens it issued; empty when authentication is off. */
  public Optional<TokenExchange> tokenExchange() {
    return Optional.ofNullable(exchange);
  }

  /**
   * An authenticated caller.
   *
   * @param user the person the token was issued for
   * @param envelope the envelope for work the caller starts: tenant, chain and scopes from the
   *     token
   */
  public record Caller(Principal user, Envelope envelope) {
    /** The tenant the caller may reach. */
    public TenantId tenant() {
      return envelope.tenant();
    }

    /**
     * Checks that the caller holds a scope.
     *
     * @throws Forbidden naming the missing scope
     */
    public void require(String scope) {
      if (!envelope.scopes().contains(scope)) {
        throw new Forbidden(scope);
      }
    }
  }

  /**
   * A request without a valid bearer token (HTTP 401).
   *
   * <p>{@link #error()} is the RFC 6750 error code for the {@code WWW-Authenticate} header, or
   * {@code null} when the request carried no credentials at all.
   */
  public static final class Unauthenticated extends ColonyException {
    private static final long serialVersionUID = 1L;
    private final String error;

    Unauthenticated(String error, String message) {
      super(message);
      this.error = error;
    }

    public String error() {
      return error;
    }
  }

  /** The issuer's keys could not be fetched, so a token could not be judged (HTTP 503). */
  public static final class IssuerUnavailable extends ColonyException {
    private static final long serialVersionUID = 1L;

    IssuerUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A caller without the scope a request needs (HTTP 403, {@code insufficient_scope}). */
  public static final class Forbidden extends ColonyException {
    private static final long serialVersionUID = 1L;
    private final String scope;

    Forbidden(String scope) {
      super("this request needs the scope '" + scope + "', which the token does not grant");
      this.scope = scope;
    }

    public String scope() {
      return scope;
    }
  }
}
