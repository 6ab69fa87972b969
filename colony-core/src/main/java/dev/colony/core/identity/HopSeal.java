package dev.colony.core.identity;

import dev.colony.core.Envelope;

/**
 * Seals the envelope that travels with one hop from an agent to another, and opens it at the
 * receiver.
 *
 * <p>A sealed hop is signed with the calling agent's own key and names the issuing agent, the
 * audience agent, the tenant, the skill, the principal chain, the scopes, the trace, an expiry of
 * at most 60 seconds, a nonce and the digest of the body it travels with. Implementations are
 * thread-safe.
 */
public interface HopSeal {
  /**
   * Seals a hop from the envelope's current actor (an agent) to {@code audience}.
   *
   * @param skill the skill of the audience agent the caller asks for
   * @param bodyDigest SHA-256 (hex) of what travels with the hop
   */
  String seal(Envelope envelope, String audience, String skill, String bodyDigest);

  /**
   * Opens a hop arriving at {@code receiver}: checks signature, that the key belongs to the claimed
   * agent and is not revoked, audience, tenant, that the caller may use the skill, freshness,
   * replay and the body digest.
   *
   * @return the envelope the hop carries
   * @throws IdentityRejected naming the first check that failed
   */
  Envelope open(String sealed, String receiver, String bodyDigest);
}
