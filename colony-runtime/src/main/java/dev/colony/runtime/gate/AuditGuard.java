package dev.colony.runtime.gate;

import dev.colony.core.gate.AuditSink;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Objects;

/**
 * Hands each call's outcome to the audit sink before the outcome is reported; if the sink fails,
 * the call is reported as failed.
 *
 * <p>Every call that enters gets exactly one outcome record, however it ends: a tool that throws is
 * recorded as failed (and the exception passes on, as before), and a call whose intent the {@link
 * IntentGuard} could not record is recorded, and reported, as failed without having run. Stateless
 * and thread-safe.
 */
public final class AuditGuard implements GateInterceptor {
  private static final Decision.Allow AUDIT_FAILED =
      new Decision.Allow("audit failed", List.of("colony:audit"));
  private static final Decision.Allow THREW =
      new Decision.Allow("allowed, then failed while running", List.of());

  private final AuditSink sink;

  public AuditGuard(AuditSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    GateOutcome outcome;
    try {
      outcome = next.proceed(request);
    } catch (IntentNotRecorded e) {
      var failed = failure(request, e.getMessage());
      try {
        sink.record(request, failed);
      } catch (RuntimeException alsoDown) {
        // The ledger is likely still down; the call failed either way and says why.
      }
      return failed;
    } catch (RuntimeException e) {
      try {
        sink.record(
            request,
            new GateOutcome.Executed(
                ToolResult.failure(
                    request.call(),
                    "tool '" + request.call().name() + "' failed: " + e.getMessage()),
                THREW,
                false));
      } catch (RuntimeException auditFailure) {
        e.addSuppressed(auditFailure);
      }
      throw e;
    }
    try {
      sink.record(request, outcome);
      return outcome;
    } catch (RuntimeException e) {
      return failure(
          request,
          "the audit record for this call could not be written, so its outcome is not"
              + " reported as done: "
              + e.getMessage());
    }
  }

  private static GateOutcome.Executed failure(GateRequest request, String message) {
    return new GateOutcome.Executed(
        ToolResult.failure(request.call(), message), AUDIT_FAILED, false);
  }
}
