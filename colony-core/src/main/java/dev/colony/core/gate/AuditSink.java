package dev.colony.core.gate;

/**
 * Records each call's passage through the Gate before its outcome is reported.
 *
 * <p>If {@link #record} throws, the call's outcome is reported as failed: an effect nobody can
 * prove happened is not reported as done.
 */
@FunctionalInterface
public interface AuditSink {
  void record(GateRequest request, GateOutcome outcome);
}
