package dev.colony.core.run;

import dev.colony.core.RunId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.gate.Decision;
import dev.colony.core.model.Usage;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What happens in a run, in order; the CLI prints these and tests assert on them. */
public sealed interface RunEvent {
  RunId runId();

  String agent();

  Instant at();

  /** A run began. */
  record Started(RunId runId, String agent, Instant at, String input, RunId parentId)
      implements RunEvent {}

  /** A model turn finished. */
  record ModelTurn(
      RunId runId,
      String agent,
      Instant at,
      int step,
      String text,
      List<ToolCall> toolCalls,
      Usage usage,
      String model)
      implements RunEvent {}

  /** The Gate decided a call. */
  record GateDecided(
      RunId runId, String agent, Instant at, String callId, String tool, Decision decision)
      implements RunEvent {}

  /** A call waits for a person's approval. */
  record ApprovalWaiting(
      RunId runId,
      String agent,
      Instant at,
      ApprovalId approvalId,
      String callId,
      String tool,
      RiskTier tier,
      String arguments)
      implements RunEvent {}

  /** A call finished (its result may be an error). */
  record ToolFinished(
      RunId runId, String agent, Instant at, ToolResult result, Duration took, boolean replayed)
      implements RunEvent {}

  /** The run suspended, holding no thread, until what it waits on is settled. */
  record Suspended(RunId runId, String agent, Instant at, List<String> waitingOn)
      implements RunEvent {}

  /** A suspended or interrupted run continued from its latest checkpoint. */
  record Resumed(RunId runId, String agent, Instant at, int fromCheckpoint) implements RunEvent {}

  /** The run answered. */
  record Completed(RunId runId, String agent, Instant at, String output) implements RunEvent {}

  /** The run ended without an answer. */
  record Failed(RunId runId, String agent, Instant at, String error) implements RunEvent {}

  /** The run was cancelled. */
  record Cancelled(RunId runId, String agent, Instant at, String reason) implements RunEvent {}
}
