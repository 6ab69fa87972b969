package dev.colony.core.store;

import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.approval.ApprovalVote;
import java.util.List;
import java.util.Optional;

/**
 * Approvals, pending and decided. Scoped by tenant like every store.
 *
 * <p>{@link #vote} and {@link #consume} are atomic; a vote on a decided approval, a second vote by
 * one person, and a second use by another call throw {@link dev.colony.core.Conflict} and change
 * nothing.
 */
public interface ApprovalStore {
  void create(Approval approval);

  Optional<Approval> find(TenantId tenant, ApprovalId id);

  default Approval require(TenantId tenant, ApprovalId id) {
    return find(tenant, id).orElseThrow(() -> new NotFound("approval", id.value()));
  }

  /** The approval asked for a given call of a run, if one was. */
  Optional<Approval> findForCall(TenantId tenant, RunId runId, String callId);

  /**
   * Adds a vote, atomically: reads the approval, applies {@link Approval#withVote} and stores the
   * result, so concurrent voters are serialized.
   *
   * @throws dev.colony.core.Conflict if it is decided already or the approver voted already
   */
  Approval vote(TenantId tenant, ApprovalId id, ApprovalVote vote);

  /**
   * Marks an approved approval as used by the call with this idempotency key, atomically. Using it
   * again with the same key (a resumed retry of the same call) returns it unchanged.
   *
   * @throws dev.colony.core.Conflict if it is not approved, or another call used it
   */
  Approval consume(TenantId tenant, ApprovalId id, String idempotencyKey);

  /** Approvals of the tenant, oldest first; {@code status} {@code null} means any. */
  List<Approval> list(TenantId tenant, ApprovalStatus status, int limit);
}
