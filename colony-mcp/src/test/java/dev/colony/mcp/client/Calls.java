package dev.colony.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Set;

/** Calls handlers as the Gate would. */
final class Calls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Calls() {}

  static ToolResult call(ToolHandler handler, String arguments) {
    var call = new ToolCall("call-1", handler.spec().name(), arguments);
    var context =
        new ToolContext(
            Envelope.of(TenantId.DEFAULT, Principal.user("ada"), Set.of()),
            RunId.of("run-1"),
            "support",
            call,
            "run-1:call-1");
    var outcome = handler.invoke(context, arguments);
    assertThat(outcome).isInstanceOf(ToolOutcome.Done.class);
    return ((ToolOutcome.Done) outcome).result();
  }

  /** JSON text as a tree, to compare objects whatever the order of their keys. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static ToolHandler named(List<ToolHandler> handlers, String name) {
    return handlers.stream()
        .filter(handler -> handler.spec().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no handler named " + name + " in " + handlers));
  }
}
