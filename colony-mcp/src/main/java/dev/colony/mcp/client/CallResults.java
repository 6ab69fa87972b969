package dev.colony.mcp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns Colony arguments into MCP ones and MCP results into Colony ones. */
final class CallResults {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter CONTENT =
      JSON.writerFor(new TypeReference<List<McpSchema.Content>>() {});
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private CallResults() {}

  /** The arguments object of a call; the Gate has validated it, so this only guards the edge. */
  static Map<String, Object> arguments(String tool, String arguments) {
    if (arguments == null || arguments.isBlank()) {
      return Map.of();
    }
    try {
      var parsed = JSON.readValue(arguments, OBJECT);
      if (parsed == null) {
        throw new ToolFailure(
            "the arguments of tool '" + tool + "' must be a JSON object, got null");
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw new ToolFailure(
          "the arguments of tool '"
              + tool
              + "' must be a JSON object: "
              + e.getOriginalMessage()
              + " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")",
          e);
    }
  }

  /**
   * The result as the model sees it: the structured content if there is one, else the content
   * blocks as {@code {"content":[...]}}; a result flagged {@code isError} becomes a failed result
   * carrying the server's text.
   */
  static ToolResult result(String tool, ToolCall call, McpSchema.CallToolResult result) {
    try {
      if (result == null) {
        return ToolResult.failure(call, "MCP tool '" + tool + "' returned no result");
      }
      var content = result.content() == null ? List.<McpSchema.Content>of() : result.content();
      if (Boolean.TRUE.equals(result.isError())) {
        return ToolResult.failure(call, errorText(tool, content));
      }
      if (result.structuredContent() != null) {
        return ToolResult.success(call, JSON.writeValueAsString(result.structuredContent()));
      }
      return ToolResult.success(call, "{\"content\":" + CONTENT.writeValueAsString(content) + "}");
    } catch (JsonProcessingException e) {
      throw new ToolFailure("cannot encode the result of MCP tool '" + tool + "'", e);
    }
  }

  private static String errorText(String tool, List<McpSchema.Content> content)
      throws JsonProcessingException {
    var text =
        content.stream()
            .filter(McpSchema.TextContent.class::isInstance)
            .map(block -> ((McpSchema.TextContent) block).text())
            .collect(Collectors.joining("\n"));
    if (!text.isBlank()) {
      return text;
    }
    if (!content.isEmpty()) {
      return CONTENT.writeValueAsString(content);
    }
    return "MCP tool '" + tool + "' reported an error without saying what";
  }
}
