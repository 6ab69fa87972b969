package dev.colony.core.gate;

import dev.colony.core.Envelope;
import dev.colony.core.RunId;
import dev.colony.core.agent.Budget;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolSpec;
import java.time.Instant;
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
 * @param budget the calling run's limits and what it had used before this call
 */
public record GateRequest(
    Envelope envelope,
    RunId runId,
    String agent,
    ToolCall call,
    ToolSpec spec,
    String idempotencyKey,
    Budgeting budget) {

  /**
   * The calling run's budget as it stood when this call was made.
   *
   * @param limits the run's limits
   * @param toolCallsBefore tool calls the run made before this one (earlier calls of the same batch
   *     included)
   * @param runStartedAt when the run started, for the wall-time limit
   */
  public record Budgeting(Budget limits, int toolCallsBefore, Instant runStartedAt) {
    public Budgeting {
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(runStartedAt, "runStartedAt");
    }
  }

  public GateRequest {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(budget, "budget");
  }

  public Optional<ToolSpec> specIfKnown() {
    return Optional.ofNullable(spec);
  }
}
