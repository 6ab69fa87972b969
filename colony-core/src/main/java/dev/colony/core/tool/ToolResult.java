package dev.colony.core.tool;

import java.util.Objects;

/**
 * What a tool call produced, as fed back to the model.
 *
 * @param callId the {@link ToolCall#id()} this answers
 * @param name the tool that was called
 * @param content JSON text of the structured result, or for errors a JSON object {@code {"error":
 *     "..."}}
 * @param error whether the call failed (not executed, denied, or the tool raised)
 */
public record ToolResult(String callId, String name, String content, boolean error) {
  public ToolResult {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
  }

  public static ToolResult success(ToolCall call, String json) {
    return new ToolResult(call.id(), call.name(), json, false);
  }

  /** An error result whose content is {@code {"error": message}} with the message JSON-escaped. */
  public static ToolResult failure(ToolCall call, String message) {
    return new ToolResult(call.id(), call.name(), "{\"error\":" + quote(message) + "}", true);
  }

  static String quote(String s) {
    var out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
