package dev.colony.core.store;

import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Approvals, pending and decided. Scoped by tenant like every store.
 *
 * <p>{@link #decide} changes a pending approval exactly once; deciding a decided approval throws
 * {@link dev.colony.core.Conflict} and changes nothing.
 */
public interface ApprovalStore {
  void create(Approval approval);

  Optional<Approval> find(TenantId tenant, ApprovalId id);

  default Approval require(TenantId tenant, ApprovalId id) {
    return find(tenant, id).orElseThrow(() -> new NotFound("approval", id.value()));
  }

  /** The approval asked for a given call of a run, if one was. */
  Optional<Approval> findForCall(TenantId tenant, RunId runId, String callId);

  Approval decide(
      TenantId tenant,
      ApprovalId id,
      ApprovalStatus decision,
      String decidedBy,
      String reason,
      Instant at);

  /** Approvals of the tenant, oldest first; {@code status} {@code null} means any. */
  List<Approval> list(TenantId tenant, ApprovalStatus status, int limit);
}
