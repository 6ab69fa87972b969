package dev.colony.core.gate;

import dev.colony.core.Envelope;
import dev.colony.core.RunId;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * One tool call on its way through the Gate.
 *
 * @param envelope who acts, for which tenant
 * @param runId the calling run
 * @param agent the calling agent
 * @param call the call as the model made it
 * @param spec the tool's spec, or {@code null} when no such tool exists for this agent
 * @param idempotencyKey stable for this call across retries and resumes
 */
public record GateRequest(
    Envelope envelope,
    RunId runId,
    String agent,
    ToolCall call,
    ToolSpec spec,
    String idempotencyKey) {
  public GateRequest {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  public Optional<ToolSpec> specIfKnown() {
    return Optional.ofNullable(spec);
  }
}
