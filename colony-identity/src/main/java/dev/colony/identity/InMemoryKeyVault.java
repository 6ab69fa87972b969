package dev.colony.identity;

import dev.colony.core.Principal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link KeyVault} in memory: keys live as long as the process. Thread-safe: concurrent maps;
 * each call sees a consistent record, and a {@link KeyRing} serializes its changes.
 */
public final class InMemoryKeyVault implements KeyVault {
  private final ConcurrentHashMap<String, KeyRecord> byKid = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Principal, List<String>> kidsByOwner = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Principal, Instant> revoked = new ConcurrentHashMap<>();

  @Override
  public void save(KeyRecord key) {
    byKid.put(key.kid(), key);
    kidsByOwner.compute(
        key.owner(),
        (owner, kids) -> {
          if (kids == null) {
            return List.of(key.kid());
          }
          if (kids.contains(key.kid())) {
            return kids;
          }
          var longer = new java.util.ArrayList<>(kids);
          longer.add(key.kid());
          return List.copyOf(longer);
        });
  }

  @Override
  public Optional<KeyRecord> find(String kid) {
    return Optional.ofNullable(byKid.get(kid));
  }

  @Override
  public List<KeyRecord> keysOf(Principal owner) {
    return kidsByOwner.getOrDefault(owner, List.of()).stream().map(byKid::get).toList();
  }

  @Override
  public List<KeyRecord> all() {
    return byKid.values().stream().sorted(Comparator.comparing(KeyRecord::createdAt)).toList();
  }

  @Override
  public void markRevoked(Principal owner, Instant at) {
    revoked.put(owner, at);
  }

  @Override
  public void clearRevoked(Principal owner) {
    revoked.remove(owner);
  }

  @Override
  public Optional<Instant> revokedSince(Principal owner) {
    return Optional.ofNullable(revoked.get(owner));
  }
}
