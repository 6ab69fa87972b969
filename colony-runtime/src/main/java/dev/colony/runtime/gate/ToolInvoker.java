package dev.colony.runtime.gate;

import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Map;

/** The end of the Gate's chain: runs the tool. */
final class ToolInvoker implements GateInterceptor.Chain {
  private static final Decision.Allow RAN = new Decision.Allow("executed", List.of());
  private final Map<String, ToolHandler> tools;

  ToolInvoker(Map<String, ToolHandler> tools) {
    this.tools = tools;
  }

  @Override
  public GateOutcome proceed(GateRequest request) {
    var handler = tools.get(request.spec().name());
    var context =
        new ToolContext(
            request.envelope(),
            request.runId(),
            request.agent(),
            request.call(),
            request.idempotencyKey());
    try {
      return switch (handler.invoke(context, request.call().arguments())) {
        case ToolOutcome.Done done -> new GateOutcome.Executed(done.result(), RAN, false);
        case ToolOutcome.Waiting waiting ->
            new GateOutcome.Waiting(waiting.waitingOn(), waiting.reason());
      };
    } catch (ToolFailure failure) {
      return new GateOutcome.Executed(
          ToolResult.failure(request.call(), failure.getMessage()), RAN, false);
    }
  }
}
