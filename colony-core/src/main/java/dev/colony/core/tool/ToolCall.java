package dev.colony.core.tool;

import java.util.Objects;

/**
 * A model's request to call a tool.
 *
 * <p>Arguments stay the raw JSON text the model produced, so that malformed JSON reaches the Gate
 * and is reported as the model's mistake rather than lost in a parser upstream.
 *
 * @param id the call's id within its model turn
 * @param name the tool asked for, which may not exist
 * @param arguments JSON text of the arguments object, possibly malformed
 */
public record ToolCall(String id, String name, String arguments) {
  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
  }
}
