package dev.colony.core.run;

import dev.colony.core.RunId;
import dev.colony.core.model.Message;
import dev.colony.core.tool.ToolCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A run's conversation and counters as of one point; resuming starts from the latest.
 *
 * <p>Which tool calls are still open is derived from the messages: the calls of the last assistant
 * turn that have no result yet.
 *
 * @param runId the run
 * @param sequence 0 for the initial checkpoint, then one more per checkpoint
 * @param messages the conversation, system instructions first
 * @param counters what the run has used
 * @param at when it was taken
 */
public record Checkpoint(
    RunId runId, int sequence, List<Message> messages, RunCounters counters, Instant at) {
  public Checkpoint {
    Objects.requireNonNull(runId, "runId");
    messages = List.copyOf(messages);
    Objects.requireNonNull(counters, "counters");
    Objects.requireNonNull(at, "at");
  }

  /** The next checkpoint with these messages and counters. */
  public Checkpoint next(List<Message> nextMessages, RunCounters nextCounters, Instant when) {
    return new Checkpoint(runId, sequence + 1, nextMessages, nextCounters, when);
  }

  /** Calls of the last assistant turn that have no result yet, in the order the model made them. */
  public List<ToolCall> openCalls() {
    var answered = new HashSet<String>();
    for (int i = messages.size() - 1; i >= 0; i--) {
      var m = messages.get(i);
      if (m instanceof Message.ToolResultMessage r) {
        answered.add(r.result().callId());
      } else if (m instanceof Message.Assistant a) {
        var open = new ArrayList<ToolCall>();
        for (var call : a.toolCalls()) {
          if (!answered.contains(call.id())) {
            open.add(call);
          }
        }
        return open;
      } else {
        return List.of();
      }
    }
    return List.of();
  }
}
