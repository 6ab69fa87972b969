package dev.colony.planner;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.colony.core.model.Message;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the planner reads from a conversation: the task, the user's words, and the tool-call turns
 * after the task with their results. Immutable.
 */
final class Transcript {
  private final String task;
  private final String userText;
  private final List<List<ToolCall>> turns;
  private final Map<String, ToolResult> results;

  private Transcript(
      String task, String userText, List<List<ToolCall>> turns, Map<String, ToolResult> results) {
    this.task = task;
    this.userText = userText;
    this.turns = turns;
    this.results = results;
  }

  static Transcript of(List<Message> messages) {
    String task = null;
    var userText = new StringBuilder();
    var turns = new ArrayList<List<ToolCall>>();
    var results = new HashMap<String, ToolResult>();
    for (Message message : messages) {
      switch (message) {
        case Message.User user -> {
          if (task == null) {
            task = user.text();
          } else {
            userText.append('\n');
          }
          userText.append(user.text());
        }
        case Message.Assistant assistant -> {
          if (task != null && assistant.callsTools()) {
            turns.add(assistant.toolCalls());
          }
        }
        case Message.ToolResultMessage result ->
            results.putIfAbsent(result.result().callId(), result.result());
        case Message.System system -> {}
      }
    }
    return new Transcript(task, userText.toString(), List.copyOf(turns), results);
  }

  /** The first user message's text, or {@code null} if there is none. */
  String task() {
    return task;
  }

  /** Every user message's text, in order, one per line; parameters are extracted from this. */
  String userText() {
    return userText;
  }

  /** The assistant turns with tool calls after the task, in order. */
  List<List<ToolCall>> turns() {
    return turns;
  }

  /** The calls of the first {@code count} turns, each with its result. */
  List<ToolExchange> exchanges(int count) {
    var exchanges = new ArrayList<ToolExchange>();
    for (List<ToolCall> turn : turns.subList(0, count)) {
      for (ToolCall call : turn) {
        ToolResult result = results.get(call.id());
        if (result == null) {
          var missing = JsonNodeFactory.instance.objectNode();
          missing.put("error", "no result was recorded for call '" + call.id() + "'");
          exchanges.add(new ToolExchange(call, Json.parse(call.arguments()), missing, true));
        } else {
          exchanges.add(
              new ToolExchange(
                  call,
                  Json.parse(call.arguments()),
                  Json.parse(result.content()),
                  result.error()));
        }
      }
    }
    return exchanges;
  }
}
