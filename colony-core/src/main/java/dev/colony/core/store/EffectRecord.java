package dev.colony.core.store;

import dev.colony.core.RunId;
import dev.colony.core.tool.ToolResult;
import java.time.Instant;
import java.util.Objects;

/**
 * The record that a tool call with effects was started, and its result once it finished.
 *
 * @param key the call's idempotency key
 * @param runId the run that made the call
 * @param tool the tool
 * @param argumentsDigest SHA-256 (hex) of the canonical arguments
 * @param result the result, or {@code null} while unfinished (or when the node died mid-call)
 * @param startedAt when the call began
 */
public record EffectRecord(
    String key,
    RunId runId,
    String tool,
    String argumentsDigest,
    ToolResult result,
    Instant startedAt) {
  public EffectRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(argumentsDigest, "argumentsDigest");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  public boolean finished() {
    return result != null;
  }
}
