package dev.colony.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What travels with every unit of work: who acts, for which tenant, with which scopes.
 *
 * <p>Inbound edges build it from verified credentials; nothing downstream trusts a field that was
 * not verified at an edge. The chain starts with the originating principal (usually a user) and
 * ends with the agent acting now. Scopes only ever shrink along the chain: {@link
 * #delegateTo(Principal, Set)} intersects them.
 *
 * @param tenant the tenant all state touched by this work belongs to
 * @param chain the acting principals, originator first, current actor last; never empty
 * @param scopes the scopes delegated to the current actor
 * @param trace trace context, or {@code null} when the work starts a new trace
 * @param deadline when the work must be finished, or {@code null} for no deadline
 */
public record Envelope(
    TenantId tenant,
    List<Principal> chain,
    Set<String> scopes,
    TraceContext trace,
    Instant deadline) {

  public Envelope {
    Objects.requireNonNull(tenant, "tenant");
    chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
    if (chain.isEmpty()) {
      throw new InvalidInput("envelope.chain", "must name at least one principal");
    }
  }

  /** An envelope for work a principal starts in a tenant with the given scopes. */
  public static Envelope of(TenantId tenant, Principal originator, Set<String> scopes) {
    return new Envelope(tenant, List.of(originator), scopes, null, null);
  }

  /** The principal the work started with. */
  public Principal originator() {
    return chain.getFirst();
  }

  /** The principal acting now. */
  public Principal actor() {
    return chain.getLast();
  }

  /**
   * The envelope for an agent acting on behalf of this chain; its scopes are the intersection of
   * the scopes held and the scopes asked for.
   */
  public Envelope delegateTo(Principal next, Set<String> requestedScopes) {
    var narrowed =
        scopes.stream()
            .filter(requestedScopes::contains)
            .collect(java.util.stream.Collectors.toSet());
    var longer = new java.util.ArrayList<>(chain);
    longer.add(next);
    return new Envelope(tenant, longer, narrowed, trace, deadline);
  }

  public Envelope withTrace(TraceContext context) {
    return new Envelope(tenant, chain, scopes, context, deadline);
  }

  public Optional<Instant> deadlineIfAny() {
    return Optional.ofNullable(deadline);
  }
}
