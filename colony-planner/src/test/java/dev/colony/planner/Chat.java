package dev.colony.planner;

import dev.colony.core.model.Message;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A conversation built turn by turn, as the agent loop would, for tests. */
final class Chat {
  private final List<Message> messages = new ArrayList<>();

  private Chat() {}

  static Chat of(String task) {
    var chat = new Chat();
    chat.messages.add(new Message.System("You are the support agent."));
    chat.messages.add(new Message.User(task));
    return chat;
  }

  Chat add(Message message) {
    messages.add(message);
    return this;
  }

  /**
   * Appends the assistant turn and, for each of its calls, the result named by tool in {@code
   * results}: JSON text for a success, or a {@link ToolResult} as is.
   */
  Chat answer(Message.Assistant turn, Map<String, Object> results) {
    messages.add(turn);
    for (ToolCall call : turn.toolCalls()) {
      Object result = results.get(call.name());
      ToolResult toolResult =
          result instanceof ToolResult r ? r : ToolResult.success(call, (String) result);
      messages.add(new Message.ToolResultMessage(toolResult));
    }
    return this;
  }

  List<Message> messages() {
    return List.copyOf(messages);
  }

  ModelRequest request(List<ToolSpec> tools) {
    return new ModelRequest(RetailSkills.AGENT, messages, tools);
  }

  /** A failed result for the call with {@code id}, as the Gate reports a denial. */
  static ToolResult denied(String id, String tool, String why) {
    return ToolResult.failure(new ToolCall(id, tool, "{}"), why);
  }
}
