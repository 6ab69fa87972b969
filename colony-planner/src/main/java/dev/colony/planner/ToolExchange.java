package dev.colony.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.tool.ToolCall;
import java.util.Objects;

/**
 * A tool call made earlier in the run, with its result.
 *
 * @param call the call as it appears in the conversation
 * @param arguments the call's arguments, parsed (a text node if they were not valid JSON)
 * @param result the result, parsed (a text node if it was not valid JSON); for errors usually
 *     {@code {"error": "..."}}
 * @param error whether the call failed: the tool raised, the Gate denied it, a person denied the
 *     approval, or no result was recorded
 */
public record ToolExchange(ToolCall call, JsonNode arguments, JsonNode result, boolean error) {
  public ToolExchange {
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(result, "result");
  }

  /** The tool that was called. */
  public String tool() {
    return call.name();
  }

  /** For a failed call, the error's text ({@code result.error} or the whole result); else empty. */
  public String errorMessage() {
    if (!error) {
      return "";
    }
    JsonNode message = result.path("error");
    if (message.isTextual()) {
      return message.asText();
    }
    return result.isTextual() ? result.asText() : result.toString();
  }
}
