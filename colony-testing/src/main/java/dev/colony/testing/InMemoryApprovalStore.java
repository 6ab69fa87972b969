package dev.colony.testing;

import dev.colony.core.Conflict;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.store.ApprovalStore;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Approvals in memory, with the JDBC store's rules. Thread-safe: methods synchronize. */
public final class InMemoryApprovalStore implements ApprovalStore {
  private record Key(TenantId tenant, ApprovalId id) {}

  private record CallKey(TenantId tenant, RunId runId, String callId) {}

  private final Map<Key, Approval> approvals = new LinkedHashMap<>();
  private final Map<CallKey, ApprovalId> byCall = new java.util.HashMap<>();

  @Override
  public synchronized void create(Approval approval) {
    var key = new Key(approval.tenant(), approval.id());
    if (approvals.containsKey(key)) {
      throw new Conflict("approval '" + approval.id() + "' already exists");
    }
    approvals.put(key, approval);
    byCall.put(new CallKey(approval.tenant(), approval.runId(), approval.callId()), approval.id());
  }

  @Override
  public synchronized Optional<Approval> find(TenantId tenant, ApprovalId id) {
    return Optional.ofNullable(approvals.get(new Key(tenant, id)));
  }

  @Override
  public synchronized Optional<Approval> findForCall(TenantId tenant, RunId runId, String callId) {
    var id = byCall.get(new CallKey(tenant, runId, callId));
    return id == null ? Optional.empty() : Optional.ofNullable(approvals.get(new Key(tenant, id)));
  }

  @Override
  public synchronized Approval vote(TenantId tenant, ApprovalId id, ApprovalVote vote) {
    var key = new Key(tenant, id);
    var current = approvals.get(key);
    if (current == null) {
      throw new NotFound("approval", id.value());
    }
    var voted = current.withVote(vote);
    approvals.put(key, voted);
    return voted;
  }

  @Override
  public synchronized Approval consume(TenantId tenant, ApprovalId id, String idempotencyKey) {
    var key = new Key(tenant, id);
    var current = approvals.get(key);
    if (current == null) {
      throw new NotFound("approval", id.value());
    }
    if (current.status() != ApprovalStatus.APPROVED) {
      throw new Conflict("approval '" + id + "' is " + current.status() + ", not APPROVED");
    }
    if (current.consumedBy() != null) {
      if (current.consumedBy().equals(idempotencyKey)) {
        return current;
      }
      throw new Conflict("approval '" + id + "' was already used by call " + current.consumedBy());
    }
    var used = current.consumedBy(idempotencyKey);
    approvals.put(key, used);
    return used;
  }

  @Override
  public synchronized List<Approval> list(TenantId tenant, ApprovalStatus status, int limit) {
    return approvals.values().stream()
        .filter(a -> a.tenant().equals(tenant))
        .filter(a -> status == null || a.status() == status)
        .sorted(Comparator.comparing(Approval::createdAt))
        .limit(limit)
        .toList();
  }
}
