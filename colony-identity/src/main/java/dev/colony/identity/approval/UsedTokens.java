package dev.colony.identity.approval;

import dev.colony.core.TenantId;
import java.time.Instant;

/**
 * Remembers which approval tokens were used, so each is used once. Implementations are thread-safe,
 * and {@link #markUsed} is atomic: of any number of concurrent calls for one token, exactly one
 * returns {@code true}.
 *
 * <p>{@link InMemoryUsedTokens} remembers for the life of the process; a durable implementation in
 * the store makes single use hold across restarts and nodes.
 */
public interface UsedTokens {
  /**
   * Marks a token used.
   *
   * @param expiresAt when the token expires; after it the record may be forgotten, since the token
   *     is refused as expired anyway
   * @return {@code true} if this call used the token, {@code false} if it was used before
   */
  boolean markUsed(TenantId tenant, String tokenId, Instant expiresAt);
}
