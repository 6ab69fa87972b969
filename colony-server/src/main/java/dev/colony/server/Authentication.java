package dev.colony.server;

import dev.colony.core.InvalidInput;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * How a node's HTTP API authenticates callers.
 *
 * @param mode off, the built-in development issuer, or an OpenID Connect issuer
 * @param issuer the issuer tokens must name ({@code iss}); {@code null} when off
 * @param audience the audience tokens must name ({@code aud}); {@code null} when off
 * @param jwksUri where the issuer's keys are, or {@code null} to find them in its metadata
 * @param tenantClaim the claim naming the caller's tenant
 */
public record Authentication(
    Authentication.Mode mode, URI issuer, String audience, URI jwksUri, String tenantClaim) {
  /** The issuer identifier of the built-in development issuer. */
  public static final URI DEVELOPMENT_ISSUER = URI.create("urn:colony:development-issuer");

  /** The audience users' tokens are issued for: the node's API. */
  public static final String DEFAULT_AUDIENCE = "colony";

  /** How callers are authenticated. */
  public enum Mode {
    /** Every request acts as the node's local user. For a laptop only. */
    OFF,
    /** Bearer tokens from the node's built-in development issuer ({@code colony auth token}). */
    DEVELOPMENT,
    /** Bearer tokens from an OpenID Connect issuer. */
    OIDC;

    /** A mode by its name, case-insensitively. */
    public static Mode parse(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInput("--auth", "must be off, development or oidc, got '" + name + "'");
      }
    }
  }

  public Authentication {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(tenantClaim, "tenantClaim");
    if (mode != Mode.OFF) {
      if (issuer == null) {
        throw new InvalidInput("--oidc-issuer", "is required with --auth oidc");
      }
      if (audience == null || audience.isBlank()) {
        throw new InvalidInput("--oidc-audience", "must not be blank");
      }
    }
  }

  /** No authentication: every request acts as the node's local user. */
  public static Authentication off() {
    return new Authentication(Mode.OFF, null, null, null, "tenant");
  }

  /** The built-in development issuer; the default of the embedded node. */
  public static Authentication development() {
    return new Authentication(
        Mode.DEVELOPMENT, DEVELOPMENT_ISSUER, DEFAULT_AUDIENCE, null, "tenant");
  }

  /**
   * Tokens from an OpenID Connect issuer, with keys from its metadata.
   *
   * @param issuer the issuer identifier, exactly as tokens name it
   * @param audience Colony's client id at the issuer
   */
  public static Authentication oidc(URI issuer, String audience) {
    return new Authentication(Mode.OIDC, issuer, audience, null, "tenant");
  }

  /** The same, with the issuer's keys at {@code jwksUri} instead of in its metadata. */
  public Authentication withJwksUri(URI jwksUri) {
    return new Authentication(mode, issuer, audience, jwksUri, tenantClaim);
  }

  /** The same, reading the tenant from another claim. */
  public Authentication withTenantClaim(String claim) {
    if (claim == null || claim.isBlank()) {
      throw new InvalidInput("--tenant-claim", "must not be blank");
    }
    return new Authentication(mode, issuer, audience, jwksUri, claim);
  }
}
