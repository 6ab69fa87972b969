package dev.colony.audit;

import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.gate.AuditSink;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import java.util.Objects;

/**
 * The Gate's audit sink on the ledger: one entry for each call's passage through the Gate, one
 * written ahead of each call to a tool with an effect, and one for each person's vote on an
 * approval request.
 *
 * <p>If the ledger cannot write an intent, {@link #intend} throws and the tool does not run; if it
 * cannot write an outcome, {@link #record} throws, and the runtime's {@code AuditGuard} reports the
 * call as failed. Thread-safe, as the ledger is.
 */
public final class LedgerAuditSink implements AuditSink {
  private final Ledger ledger;

  public LedgerAuditSink(Ledger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  /**
   * Appends the entry for a call's outcome (see {@link LedgerEntry#of}).
   *
   * @throws LedgerFailure if the entry could not be written
   */
  @Override
  public void record(GateRequest request, GateOutcome outcome) {
    ledger.append(LedgerEntry.of(request, outcome));
  }

  /**
   * Appends the intent entry of a call about to run (see {@link LedgerEntry#intent}).
   *
   * @throws LedgerFailure if the entry could not be written; the tool must then not run
   */
  @Override
  public void intend(GateRequest request, Decision.Allow allowed) {
    ledger.append(LedgerEntry.intent(request, allowed));
  }

  /**
   * Appends the entry for one person's vote on an approval request (see {@link
   * LedgerEntry#approvalVote}); the runtime calls it for each vote it accepts.
   *
   * @throws LedgerFailure if the entry could not be written
   */
  public LedgerRecord approvalVote(Approval approval, ApprovalVote vote) {
    return ledger.append(LedgerEntry.approvalVote(approval, vote));
  }

  @Override
  public void recordVote(Approval approval, ApprovalVote vote) {
    approvalVote(approval, vote);
  }
}
