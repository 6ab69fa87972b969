package dev.colony.runtime;

import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.model.Message;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunCounters;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Served calls: one tool call made for a caller outside any agent run.
 *
 * <p>A call that may wait for a person (a WRITE_HIGH or CRITICAL tool) is a run of its own from the
 * start, whose first checkpoint holds the call: {@link RunDrive} passes it through the Gate like an
 * agent's call and, instead of asking a model what next, completes the run with the call's result;
 * approving resumes it in any process. Any other call passes the Gate directly, with the same
 * request a run would make (its run id, its idempotency key, its span), and stores nothing but what
 * the Gate stores (effects, the ledger): the cheap path for reads. Should the Gate still ask it to
 * wait (a WRITE_LOW call over its limits), the run is stored then, waiting, and resumes on approval
 * like the others. Stateless.
 */
final class ServedCalls {
  /** The model of a tool server's spec: none is ever asked. */
  static final String MODEL = "colony:served-call";

  private ServedCalls() {}

  static ServedCall call(AgentRuntime runtime, AgentSpec server, Envelope envelope, ToolCall call) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(call, "call");
    if (!server.tools().contains(call.name())) {
      throw new NotFound("tool of server '" + server.name() + "'", call.name());
    }
    var tier = runtime.tool(call.name()).spec().tier();
    if (tier == RiskTier.WRITE_HIGH || tier == RiskTier.CRITICAL) {
      var run = start(runtime, server, envelope, call);
      return of(runtime, run);
    }
    return direct(runtime, server, envelope, call);
  }

  /** A stored served call's run, as a {@link ServedCall}. */
  static ServedCall of(AgentRuntime runtime, RunRecord run) {
    var result = result(runtime, run).orElse(null);
    return new ServedCall(run.id(), run.status(), result, run.waitingOn(), run.error());
  }

  private static ServedCall direct(
      AgentRuntime runtime, AgentSpec server, Envelope envelope, ToolCall call) {
    requireArguments(runtime, call);
    var now = runtime.clock().instant();
    var id = RunId.random(runtime.ids().get());
    var attributes = new LinkedHashMap<String, Object>();
    attributes.put("colony.tool_server", server.name());
    attributes.put("colony.run.id", id.value());
    attributes.put("colony.tenant", envelope.tenant().value());
    var span =
        runtime
            .telemetry()
            .startChildOf("serve_tool " + server.name(), envelope.trace(), attributes);
    try {
      var acting = span.context() == null ? envelope : envelope.withTrace(span.context());
      var request =
          new GateRequest(
              acting,
              id,
              server.name(),
              call,
              runtime.tool(call.name()).spec(),
              id.value() + "/" + call.id(),
              new GateRequest.Budgeting(server.budget(), 0, now));
      GateOutcome outcome;
      try {
        outcome = runtime.gate().pass(request);
      } catch (RuntimeException e) {
        outcome = RunDrive.failedWhileRunning(call, e);
      }
      return switch (outcome) {
        case GateOutcome.Executed e -> done(id, e.result());
        case GateOutcome.Rejected r -> done(id, RunDrive.refused(call, r));
        case GateOutcome.AwaitingApproval a ->
            waiting(runtime, server, envelope, call, id, now, "approval:" + a.approvalId());
        case GateOutcome.Waiting w ->
            waiting(runtime, server, envelope, call, id, now, w.waitingOn());
      };
    } finally {
      span.end();
    }
  }

  private static ServedCall done(RunId id, ToolResult result) {
    return new ServedCall(id, RunStatus.COMPLETED, result, null, null);
  }

  /** Stores the call's run, waiting, so that what it waits on resumes it as it would any run. */
  private static ServedCall waiting(
      AgentRuntime runtime,
      AgentSpec server,
      Envelope envelope,
      ToolCall call,
      RunId id,
      java.time.Instant startedAt,
      String waitingOn) {
    var input = "call " + call.name();
    var now = runtime.clock().instant();
    var record =
        new RunRecord(
            id,
            server.name(),
            envelope,
            null,
            null,
            RunStatus.WAITING,
            input,
            null,
            null,
            waitingOn,
            startedAt,
            now,
            0);
    var messages =
        List.<Message>of(new Message.User(input), new Message.Assistant(null, List.of(call)));
    var stored =
        runtime.runStore().create(record, new Checkpoint(id, 0, messages, RunCounters.ZERO, now));
    runtime.emit(new RunEvent.Started(id, server.name(), startedAt, input, null));
    runtime.emit(new RunEvent.Suspended(id, server.name(), now, List.of(waitingOn.split(","))));
    // What it waits on may have been settled before the run was stored.
    var current = runtime.resumeIfSettled(stored);
    return of(runtime, current);
  }

  private static void requireArguments(AgentRuntime runtime, ToolCall call) {
    if (call.arguments().length() > runtime.maxInputChars()) {
      throw new InvalidInput(
          "arguments",
          "are "
              + call.arguments().length()
              + " characters, more than the limit of "
              + runtime.maxInputChars());
    }
  }

  static RunRecord start(AgentRuntime runtime, AgentSpec server, Envelope envelope, ToolCall call) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(call, "call");
    if (!server.tools().contains(call.name())) {
      throw new NotFound("tool of server '" + server.name() + "'", call.name());
    }
    requireArguments(runtime, call);
    var now = runtime.clock().instant();
    var id = RunId.random(runtime.ids().get());
    var input = "call " + call.name();
    var record =
        new RunRecord(
            id,
            server.name(),
            envelope,
            null,
            null,
            RunStatus.RUNNING,
            input,
            null,
            null,
            null,
            now,
            now,
            0);
    var messages =
        List.<Message>of(new Message.User(input), new Message.Assistant(null, List.of(call)));
    var initial = new Checkpoint(id, 0, messages, RunCounters.ZERO, now);
    record = runtime.runStore().create(record, initial);
    runtime.emit(new RunEvent.Started(id, server.name(), now, input, null));
    return new RunDrive(runtime, record, initial).drive();
  }

  /** The last tool result of a completed served call's run. */
  static Optional<ToolResult> result(AgentRuntime runtime, RunRecord run) {
    if (run.status() != RunStatus.COMPLETED || !isServed(runtime, run)) {
      return Optional.empty();
    }
    return runtime
        .runStore()
        .latestCheckpoint(run.tenant(), run.id())
        .flatMap(ServedCalls::lastResult);
  }

  static Optional<ToolResult> lastResult(Checkpoint checkpoint) {
    var messages = checkpoint.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof Message.ToolResultMessage r) {
        return Optional.of(r.result());
      }
    }
    return Optional.empty();
  }

  private static boolean isServed(AgentRuntime runtime, RunRecord run) {
    try {
      return runtime.serves(runtime.agent(run.agent()));
    } catch (NotFound e) {
      return false;
    }
  }
}
