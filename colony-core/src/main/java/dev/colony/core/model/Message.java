package dev.colony.core.model;

import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Objects;

/** One entry of a conversation between a run and its model. */
public sealed interface Message {

  /** Instructions for the model. */
  record System(String text) implements Message {
    public System {
      Objects.requireNonNull(text, "text");
    }
  }

  /** What the user (or a calling agent) asked. */
  record User(String text) implements Message {
    public User {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * The model's turn: text, tool calls, or both.
   *
   * @param text the model's text, or {@code null} when it only calls tools
   * @param toolCalls the calls it asks for, possibly empty
   */
  record Assistant(String text, List<ToolCall> toolCalls) implements Message {
    public Assistant {
      toolCalls = List.copyOf(Objects.requireNonNull(toolCalls, "toolCalls"));
    }

    public static Assistant text(String text) {
      return new Assistant(text, List.of());
    }

    public boolean callsTools() {
      return !toolCalls.isEmpty();
    }
  }

  /** The result of one tool call, fed back to the model. */
  record ToolResultMessage(ToolResult result) implements Message {
    public ToolResultMessage {
      Objects.requireNonNull(result, "result");
    }
  }
}
