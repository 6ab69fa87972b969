package dev.colony.it.mcp;

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

/** Calls tool handlers as the Gate would, for a user 'ada' in run 'run-1'. Stateless. */
final class ToolCalls {
  private ToolCalls() {}

  /**
   * Invokes {@code handler} with {@code arguments} (a JSON object).
   *
   * @throws AssertionError if the handler does not finish the call at once
   * @throws dev.colony.core.tool.ToolFailure as the handler does
   */
  static ToolResult call(ToolHandler handler, String arguments) {
    var call = new ToolCall("call-1", handler.spec().name(), arguments);
    var context =
        new ToolContext(
            Envelope.of(TenantId.DEFAULT, Principal.user("ada"), Set.of()),
            RunId.of("run-1"),
            "interop",
            call,
            "run-1:call-1");
    var outcome = handler.invoke(context, arguments);
    if (!(outcome instanceof ToolOutcome.Done done)) {
      throw new AssertionError(handler + " did not finish the call: " + outcome);
    }
    return done.result();
  }

  /** The handler whose tool is named {@code name} ({@code server.tool}). */
  static ToolHandler named(List<ToolHandler> handlers, String name) {
    return handlers.stream()
        .filter(handler -> handler.spec().name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no tool named "
                        + name
                        + " among "
                        + handlers.stream().map(h -> h.spec().name()).toList()));
  }
}
