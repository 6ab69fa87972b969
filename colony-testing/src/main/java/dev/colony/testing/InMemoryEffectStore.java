package dev.colony.testing;

import dev.colony.core.NotFound;
import dev.colony.core.TenantId;
import dev.colony.core.store.EffectRecord;
import dev.colony.core.store.EffectStore;
import dev.colony.core.tool.ToolResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Effect records in memory, with the JDBC store's rules. Thread-safe: methods synchronize. */
public final class InMemoryEffectStore implements EffectStore {
  private record Key(TenantId tenant, String key) {}

  private final Map<Key, EffectRecord> effects = new HashMap<>();

  @Override
  public synchronized EffectRecord begin(TenantId tenant, EffectRecord started) {
    return effects.computeIfAbsent(new Key(tenant, started.key()), k -> started);
  }

  @Override
  public synchronized Optional<EffectRecord> find(TenantId tenant, String key) {
    return Optional.ofNullable(effects.get(new Key(tenant, key)));
  }

  @Override
  public synchronized void finish(TenantId tenant, String key, ToolResult result) {
    var k = new Key(tenant, key);
    var current = effects.get(k);
    if (current == null) {
      throw new NotFound("effect", key);
    }
    effects.put(
        k,
        new EffectRecord(
            current.key(),
            current.runId(),
            current.tool(),
            current.argumentsDigest(),
            result,
            current.startedAt()));
  }
}
