package dev.colony.core.tool;

import dev.colony.core.InvalidInput;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a model and the Gate know about a tool.
 *
 * @param name unique name, letters, digits, '_', '-' and '.' (namespaces such as {@code
 *     orders.get_order})
 * @param description what the tool does, for the model
 * @param inputSchema JSON Schema (2020-12) of the arguments object, as JSON text
 * @param outputSchema JSON Schema of the structured result, or {@code null} if unstructured
 * @param tier the risk tier the Gate enforces
 */
public record ToolSpec(
    String name, String description, String inputSchema, String outputSchema, RiskTier tier) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public ToolSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(tier, "tier");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInput(
          "tool.name", "must be 1 to 128 letters, digits, '_', '-' or '.', got '" + name + "'");
    }
  }
}
