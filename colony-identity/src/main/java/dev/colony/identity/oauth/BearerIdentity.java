package dev.colony.identity.oauth;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who a verified bearer token speaks for.
 *
 * @param issuer the token's {@code iss}
 * @param subject the user the token was issued for
 * @param tenant the tenant named by the token
 * @param scopes the scopes the token grants
 * @param actors the principals acting for the subject, from the nested {@code act} claim, earliest
 *     first (the innermost {@code act} first, the outermost, the current actor, last)
 * @param expiresAt the token's {@code exp}
 */
public record BearerIdentity(
    String issuer,
    Principal subject,
    TenantId tenant,
    Set<String> scopes,
    List<Principal> actors,
    Instant expiresAt) {

  public BearerIdentity {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(tenant, "tenant");
    scopes = Set.copyOf(scopes);
    actors = List.copyOf(actors);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /**
   * The envelope for work this token authorizes: the subject first, then its actors; the token's
   * tenant and scopes; no trace and no deadline yet.
   */
  public Envelope envelope() {
    var chain = new ArrayList<Principal>();
    chain.add(subject);
    chain.addAll(actors);
    return new Envelope(tenant, chain, scopes, null, null);
  }
}
