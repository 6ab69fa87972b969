package dev.colony.core.model;

import dev.colony.core.tool.ToolSpec;
import java.util.List;
import java.util.Objects;

/**
 * One model turn's input.
 *
 * @param agent the agent asking, so a client serving several agents can tell them apart
 * @param messages the conversation so far, system instructions first
 * @param tools the tools the model may call
 */
public record ModelRequest(String agent, List<Message> messages, List<ToolSpec> tools) {
  public ModelRequest {
    Objects.requireNonNull(agent, "agent");
    messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
    tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
  }
}
