package dev.colony.mcp.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A prompt of an MCP server: a named template a client fills in with arguments. Immutable.
 *
 * @param name the prompt's name
 * @param description what it is for
 * @param arguments its arguments, in order
 * @param render the text of the user message, from the arguments given (required ones are checked
 *     before it is called)
 */
public record McpPrompt(
    String name,
    String description,
    List<Argument> arguments,
    Function<Map<String, String>, String> render) {
  public McpPrompt {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(render, "render");
  }

  /** One argument of a prompt. */
  public record Argument(String name, String description, boolean required) {
    public Argument {
      Objects.requireNonNull(name, "name");
    }
  }
}
