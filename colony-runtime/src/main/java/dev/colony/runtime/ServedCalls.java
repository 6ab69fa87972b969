package dev.colony.runtime;

import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.model.Message;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunCounters;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Served calls: one tool call made for a caller outside any agent run, as a run of its own whose
 * first checkpoint already holds the call. {@link RunDrive} passes it through the Gate like an
 * agent's call (policy, approval, budget, effects, audit, spans) and, instead of asking a model
 * what next, completes the run with the call's result. Stateless.
 */
final class ServedCalls {
  /** The model of a tool server's spec: none is ever asked. */
  static final String MODEL = "colony:served-call";

  private ServedCalls() {}

  static RunRecord start(AgentRuntime runtime, AgentSpec server, Envelope envelope, ToolCall call) {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(call, "call");
    if (!server.tools().contains(call.name())) {
      throw new NotFound("tool of server '" + server.name() + "'", call.name());
    }
    if (call.arguments().length() > runtime.maxInputChars()) {
      throw new InvalidInput(
          "arguments",
          "are "
              + call.arguments().length()
              + " characters, more than the limit of "
              + runtime.maxInputChars());
    }
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
