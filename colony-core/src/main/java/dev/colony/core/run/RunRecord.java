package dev.colony.core.run;

import dev.colony.core.Envelope;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored head of a run: its identity and status. The conversation lives in {@link Checkpoint}s.
 *
 * @param id the run
 * @param agent the agent running
 * @param envelope who the run acts for; its tenant is the run's tenant
 * @param parentId the run that started this one as a tool, or {@code null}
 * @param parentCallId the parent's tool call this run serves, or {@code null}
 * @param status where it stands
 * @param input the request that started it
 * @param output the final answer once completed, else {@code null}
 * @param error why it failed or was cancelled, else {@code null}
 * @param waitingOn while waiting: what on, for example {@code approval:apr-1,run:run-2}
 * @param createdAt when it started
 * @param updatedAt when it last changed
 * @param version incremented by every stored change; stores refuse stale writes
 */
public record RunRecord(
    RunId id,
    String agent,
    Envelope envelope,
    RunId parentId,
    String parentCallId,
    RunStatus status,
    String input,
    String output,
    String error,
    String waitingOn,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  public RunRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public TenantId tenant() {
    return envelope.tenant();
  }

  /** This run acting under another envelope (for example one that now carries a trace). */
  public RunRecord withEnvelope(Envelope next) {
    return new RunRecord(
        id,
        agent,
        next,
        parentId,
        parentCallId,
        status,
        input,
        output,
        error,
        waitingOn,
        createdAt,
        updatedAt,
        version);
  }

  public RunRecord withStatus(
      RunStatus next, String output, String error, String waitingOn, Instant at) {
    return new RunRecord(
        id,
        agent,
        envelope,
        parentId,
        parentCallId,
        next,
        input,
        output,
        error,
        waitingOn,
        createdAt,
        at,
        version);
  }
}
