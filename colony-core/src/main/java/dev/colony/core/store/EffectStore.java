package dev.colony.core.store;

import dev.colony.core.TenantId;
import dev.colony.core.tool.ToolResult;
import java.util.Optional;

/**
 * Remembers tool calls by idempotency key so that resuming a run never repeats an effect.
 *
 * <p>{@link #begin} inserts a record only if none exists for the key, atomically, and returns the
 * record that is stored afterwards: the caller's own, or the one that was there.
 */
public interface EffectStore {
  EffectRecord begin(TenantId tenant, EffectRecord started);

  Optional<EffectRecord> find(TenantId tenant, String key);

  /** Stores the result of a begun call. */
  void finish(TenantId tenant, String key, ToolResult result);
}
