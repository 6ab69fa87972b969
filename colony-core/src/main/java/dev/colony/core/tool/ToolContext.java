package dev.colony.core.tool;

import dev.colony.core.Envelope;
import dev.colony.core.RunId;
import java.util.Objects;

/**
 * What a tool learns about the call it is serving.
 *
 * @param envelope who acts, for which tenant, with which scopes
 * @param runId the run making the call
 * @param agent the agent making the call
 * @param call the call being served
 * @param idempotencyKey stable across retries and resumes of this call; a tool with effects uses it
 *     so that an effect never happens twice
 */
public record ToolContext(
    Envelope envelope, RunId runId, String agent, ToolCall call, String idempotencyKey) {
  public ToolContext {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }
}
