package dev.colony.identity;

import dev.colony.core.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link KeyRing} keeps its keys and its revocations. Implementations are thread-safe.
 *
 * <p>{@link InMemoryKeyVault} keeps them for the life of the process; a durable vault (in the
 * store, private halves encrypted at rest) lets every node of a cluster see the same keys. A vault
 * that caches must show a revocation to every node within one envelope lifetime (60 seconds): that
 * is the kill switch's promise.
 */
public interface KeyVault {
  /** Stores a key, replacing the record with the same {@code kid}. */
  void save(KeyRecord key);

  /** The key with this id, in whatever state it is. */
  Optional<KeyRecord> find(String kid);

  /** Every key of an owner, oldest first. */
  List<KeyRecord> keysOf(Principal owner);

  /** Every key, of every owner. */
  List<KeyRecord> all();

  /** Records that an owner was revoked. */
  void markRevoked(Principal owner, Instant at);

  /** Lifts an owner's revocation (its revoked keys stay revoked). */
  void clearRevoked(Principal owner);

  /** When the owner was revoked, if it is. */
  Optional<Instant> revokedSince(Principal owner);
}
