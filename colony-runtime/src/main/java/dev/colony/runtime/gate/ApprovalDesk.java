package dev.colony.runtime.gate;

import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.store.ApprovalStore;
import dev.colony.runtime.internal.Json;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Finds or opens the approval for a call that policy says needs one.
 *
 * <p>An approval counts only for the run, call and argument digest it was opened for; text from a
 * model or tool never reaches this class. Thread-safe; state lives in the {@link ApprovalStore}.
 */
public final class ApprovalDesk {
  /** Where a call's approval stands. */
  public sealed interface Standing {
    Approval approval();
  }

  /** Approved for exactly these arguments. */
  public record Approved(Approval approval) implements Standing {}

  /** Denied by a person. */
  public record Denied(Approval approval) implements Standing {}

  /** Approved, but for other arguments than the call now has. */
  public record Mismatched(Approval approval) implements Standing {}

  /** Waiting for a person (opened now or earlier). */
  public record Pending(Approval approval) implements Standing {}

  private final ApprovalStore store;
  private final Clock clock;
  private final Supplier<UUID> ids;

  public ApprovalDesk(ApprovalStore store, Clock clock, Supplier<UUID> ids) {
    this.store = store;
    this.clock = clock;
    this.ids = ids;
  }

  public Standing check(GateRequest request) {
    var tenant = request.envelope().tenant();
    var digest = Json.digest(request.call().arguments());
    var existing = store.findForCall(tenant, request.runId(), request.call().id());
    if (existing.isEmpty()) {
      var opened =
          Approval.pending(
              ApprovalId.random(ids.get()),
              tenant,
              request.runId(),
              request.call().id(),
              request.call().name(),
              Json.canonical(request.call().arguments()),
              digest,
              request.spec().tier(),
              request.envelope().originator(),
              clock.instant());
      store.create(opened);
      return new Pending(opened);
    }
    var approval = existing.get();
    if (approval.status() == ApprovalStatus.PENDING) {
      return new Pending(approval);
    }
    if (approval.status() == ApprovalStatus.DENIED) {
      return new Denied(approval);
    }
    return approval.argumentsDigest().equals(digest)
        ? new Approved(approval)
        : new Mismatched(approval);
  }
}
