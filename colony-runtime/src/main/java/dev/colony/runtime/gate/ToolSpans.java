package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.telemetry.Telemetry;
import java.util.LinkedHashMap;

/**
 * Wraps every call in an {@code execute_tool} span with the GenAI attribute keys, parented on the
 * run's span through the envelope's trace context, and hands the span's context on so a delegated
 * agent's spans nest under it.
 */
public final class ToolSpans implements GateInterceptor {
  private final Telemetry telemetry;

  public ToolSpans(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var attributes = new LinkedHashMap<String, Object>();
    attributes.put("gen_ai.operation.name", "execute_tool");
    attributes.put("gen_ai.tool.name", request.call().name());
    attributes.put("gen_ai.tool.call.id", request.call().id());
    attributes.put("gen_ai.agent.name", request.agent());
    attributes.put("colony.run.id", request.runId().value());
    attributes.put("colony.tenant", request.envelope().tenant().value());
    if (request.spec() != null) {
      attributes.put("colony.tool.tier", request.spec().tier().name());
    }
    var span =
        telemetry.startChildOf(
            "execute_tool " + request.call().name(), request.envelope().trace(), attributes);
    try {
      var context = span.context();
      var inner =
          context == null
              ? request
              : new GateRequest(
                  request.envelope().withTrace(context),
                  request.runId(),
                  request.agent(),
                  request.call(),
                  request.spec(),
                  request.idempotencyKey(),
                  request.budget());
      var outcome = next.proceed(inner);
      switch (outcome) {
        case GateOutcome.Executed e -> {
          span.set("colony.gate.decision", "allow");
          span.set("colony.tool.replayed", e.replayed());
          if (e.result().error()) {
            span.recordError("tool_error", e.result().content());
          }
        }
        case GateOutcome.Rejected r -> {
          span.set("colony.gate.decision", "deny");
          span.set("colony.gate.stage", r.stage());
          span.recordError("denied", r.decision().reason());
        }
        case GateOutcome.AwaitingApproval a -> {
          span.set("colony.gate.decision", "needs_approval");
          span.set("colony.approval.id", a.approvalId().value());
        }
        case GateOutcome.Waiting w -> span.set("colony.waiting_on", w.waitingOn());
      }
      return outcome;
    } catch (RuntimeException e) {
      span.recordError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      throw e;
    } finally {
      span.end();
    }
  }
}
