package dev.colony.runtime.gate;

import dev.colony.core.gate.AuditSink;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.ToolResult;

/**
 * Hands each call's outcome to the audit sink before the outcome is reported; if the sink fails,
 * the call is reported as failed.
 */
public final class AuditGuard implements GateInterceptor {
  private final AuditSink sink;

  public AuditGuard(AuditSink sink) {
    this.sink = sink;
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var outcome = next.proceed(request);
    try {
      sink.record(request, outcome);
      return outcome;
    } catch (RuntimeException e) {
      var failed =
          ToolResult.failure(
              request.call(),
              "the audit record for this call could not be written, so its outcome is not"
                  + " reported as done: "
                  + e.getMessage());
      return new GateOutcome.Executed(
          failed,
          new dev.colony.core.gate.Decision.Allow(
              "audit failed", java.util.List.of("colony:audit")),
          false);
    }
  }
}
