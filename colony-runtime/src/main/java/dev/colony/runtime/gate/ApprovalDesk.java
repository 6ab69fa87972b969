package dev.colony.runtime.gate;

import dev.colony.core.Conflict;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.ApprovalTokens;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.core.store.ApprovalStore;
import dev.colony.runtime.internal.Json;
import java.time.Clock;
import java.util.HashSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Finds or opens the approval for a call that policy says needs one, and decides whether an
 * approved one may be used.
 *
 * <p>An approval counts only for the run, call and argument digest it was opened for, with as many
 * distinct approvers as policy asks (not the requester, when more than one is needed). With {@link
 * ApprovalTokens} configured, every approve vote must carry a signed token that verifies and is
 * bound to this tenant, run, call, tool, arguments and approver. An approval is used by one call:
 * its idempotency key is recorded, so a resumed retry of the same call may use it again and no
 * other call can. Text from a model or a tool never reaches this class. Thread-safe; state lives in
 * the {@link ApprovalStore}.
 */
public final class ApprovalDesk {
  /** Where a call's approval stands. */
  public sealed interface Standing {}

  /** Approved for exactly this call and these arguments, and now used by it. */
  public record Approved(Approval approval) implements Standing {}

  /** Denied by a person. */
  public record Denied(Approval approval) implements Standing {}

  /** Approved, but for other arguments than the call now has. */
  public record Mismatched(Approval approval) implements Standing {}

  /**
   * Approved, but it may not be used: a token failed, too few approvers, or used by another call.
   */
  public record Refused(Approval approval, String reason) implements Standing {}

  /** Not opened: the requester's runs have opened as many approval requests as allowed lately. */
  public record Throttled(String reason) implements Standing {}

  /** Waiting for people (opened now or earlier). */
  public record Pending(Approval approval) implements Standing {}

  private final ApprovalStore store;
  private final ApprovalTokens tokens;
  private final Clock clock;
  private final Supplier<UUID> ids;

  /**
   * @param tokens verifies approval tokens, or {@code null} when approvals are not signed
   */
  private final RateLimitGuard.Limit requestLimit;

  private final RateBuckets requests;

  public ApprovalDesk(ApprovalStore store, ApprovalTokens tokens, Clock clock, Supplier<UUID> ids) {
    this(store, tokens, clock, ids, null);
  }

  /**
   * @param requestLimit how many approval requests one requester's runs may open, or {@code null}
   *     for no limit
   */
  public ApprovalDesk(
      ApprovalStore store,
      ApprovalTokens tokens,
      Clock clock,
      Supplier<UUID> ids,
      RateLimitGuard.Limit requestLimit) {
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
    this.ids = ids;
    this.requestLimit = requestLimit;
    this.requests = new RateBuckets(clock);
  }

  /**
   * Where the call's approval stands, opening one that needs {@code required} approvers if the call
   * has none yet.
   */
  public Standing check(GateRequest request, int required) {
    var tenant = request.envelope().tenant();
    var digest = Json.digest(request.call().arguments());
    var existing = store.findForCall(tenant, request.runId(), request.call().id());
    if (existing.isEmpty()) {
      var requester = request.envelope().originator();
      if (requestLimit != null && !requests.take(tenant.value() + "/" + requester, requestLimit)) {
        return new Throttled(
            "approval requests from runs of "
                + requester
                + " are over the limit of "
                + requestLimit.calls()
                + " per "
                + requestLimit.period()
                + "; this call is not put to approvers again until the limit allows");
      }
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
              required,
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
    if (!approval.argumentsDigest().equals(digest)) {
      return new Mismatched(approval);
    }
    var problem = problem(approval, request, Math.max(required, approval.required()));
    if (problem != null) {
      return new Refused(approval, problem);
    }
    try {
      return new Approved(store.consume(tenant, approval.id(), request.idempotencyKey()));
    } catch (Conflict used) {
      return new Refused(approval, used.getMessage());
    }
  }

  /** Why an approved approval may not be used for this request, or {@code null}. */
  private String problem(Approval approval, GateRequest request, int required) {
    var approvers = new HashSet<String>();
    for (var vote : approval.approvals()) {
      approvers.add(vote.approver());
      if (tokens != null) {
        var wrong = tokenProblem(vote, approval, request);
        if (wrong != null) {
          return "the approval by " + vote.approver() + " is refused: " + wrong;
        }
      }
    }
    if (required > 1 && approvers.contains(approval.requestedBy().id())) {
      return "the requester " + approval.requestedBy().id() + " approved their own call";
    }
    if (approvers.size() < required) {
      return "it has " + approvers.size() + " approver(s), policy asks for " + required;
    }
    return null;
  }

  private String tokenProblem(ApprovalVote vote, Approval approval, GateRequest request) {
    if (vote.token() == null) {
      return "it carries no signed approval token";
    }
    ApprovalGrant grant;
    try {
      grant = tokens.verify(vote.token());
    } catch (IdentityRejected e) {
      return e.getMessage();
    }
    var call = request.call();
    if (!grant.tenant().equals(request.envelope().tenant())) {
      return mismatch("tenant", request.envelope().tenant(), grant.tenant());
    }
    if (!grant.runId().equals(request.runId())) {
      return mismatch("run", request.runId(), grant.runId());
    }
    if (!grant.callId().equals(call.id())) {
      return mismatch("call", call.id(), grant.callId());
    }
    if (!grant.tool().equals(call.name())) {
      return mismatch("tool", call.name(), grant.tool());
    }
    if (!grant.argumentsDigest().equals(approval.argumentsDigest())) {
      return mismatch("arguments digest", approval.argumentsDigest(), grant.argumentsDigest());
    }
    if (!grant.approvalId().equals(approval.id()) || !grant.approver().equals(vote.approver())) {
      return "binding: the token was issued for another approval or approver";
    }
    return null;
  }

  private static String mismatch(String field, Object expected, Object found) {
    return "binding: the token is for "
        + field
        + " '"
        + found
        + "', this call has '"
        + expected
        + "'";
  }
}
