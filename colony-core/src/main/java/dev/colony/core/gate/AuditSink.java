package dev.colony.core.gate;

import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalVote;

/**
 * Records each call's passage through the Gate before its outcome is reported.
 *
 * <p>If {@link #record} throws, the call's outcome is reported as failed: an effect nobody can
 * prove happened is not reported as done.
 */
@FunctionalInterface
public interface AuditSink {
  void record(GateRequest request, GateOutcome outcome);

  /**
   * Records a person's vote on an approval, after the store accepted it. A sink that keeps only
   * Gate outcomes may leave this as it is.
   *
   * @param approval the approval as the vote left it
   */
  default void recordVote(Approval approval, ApprovalVote vote) {}
}
