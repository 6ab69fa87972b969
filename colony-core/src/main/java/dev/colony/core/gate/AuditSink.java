package dev.colony.core.gate;

import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalVote;

/**
 * Records each call's passage through the Gate before its outcome is reported, and, for a tool with
 * an effect, the intent to run it before it runs.
 *
 * <p>If {@link #record} throws, the call's outcome is reported as failed: an effect nobody can
 * prove happened is not reported as done. If {@link #intend} throws, the tool does not run at all.
 */
@FunctionalInterface
public interface AuditSink {
  /**
   * Records how a call left the Gate: executed, failed, denied, waiting for approval or waiting.
   */
  void record(GateRequest request, GateOutcome outcome);

  /**
   * Records that the Gate is about to run a call to a tool with an effect (every tier but {@code
   * READ}): policy and any approvals allowed it, and nothing stands between it and the tool. The
   * Gate calls it immediately before the tool runs, and calls {@link #record} with the outcome
   * after; a call that is denied, waits for approval or has its earlier result replayed is not
   * intended. If this throws, the tool does not run and the call's outcome is a failure, so no
   * effect happens that the audit trail does not announce first. A sink that keeps only outcomes
   * may leave this as it is.
   *
   * @param allowed the decision that allowed the call, naming the policies behind it
   */
  default void intend(GateRequest request, Decision.Allow allowed) {}

  /**
   * Records a person's vote on an approval, after the store accepted it. A sink that keeps only
   * Gate outcomes may leave this as it is.
   *
   * @param approval the approval as the vote left it
   */
  default void recordVote(Approval approval, ApprovalVote vote) {}
}
