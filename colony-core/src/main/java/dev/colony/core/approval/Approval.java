package dev.colony.core.approval;

import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.RiskTier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A request for a person to allow one tool call, and the answer.
 *
 * <p>An approval is bound to one call of one run with exact arguments: the Gate accepts it only for
 * a call whose arguments digest matches.
 *
 * @param id the approval's id
 * @param tenant the tenant of the run
 * @param runId the run whose call waits
 * @param callId the call that waits
 * @param tool the tool the call would run
 * @param arguments JSON text of the arguments, shown to the approver
 * @param argumentsDigest SHA-256 (hex) of the canonical arguments
 * @param tier the tool's tier
 * @param requestedBy the principal the run acts for
 * @param status pending, approved or denied
 * @param decidedBy who decided (the approvers, comma-separated), or {@code null} while pending
 * @param reason the last decider's reason, or {@code null}
 * @param createdAt when the call asked
 * @param decidedAt when it was decided, or {@code null} while pending
 * @param required how many distinct approve votes it needs, at least 1
 * @param votes the answers so far, in order
 * @param consumedBy the idempotency key of the call that used it, or {@code null}
 */
public record Approval(
    ApprovalId id,
    TenantId tenant,
    RunId runId,
    String callId,
    String tool,
    String arguments,
    String argumentsDigest,
    RiskTier tier,
    Principal requestedBy,
    ApprovalStatus status,
    String decidedBy,
    String reason,
    Instant createdAt,
    Instant decidedAt,
    int required,
    List<ApprovalVote> votes,
    String consumedBy) {
  public Approval {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(argumentsDigest, "argumentsDigest");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    votes = List.copyOf(votes);
    if (required < 1) {
      throw new InvalidInput("approval.required", "must be at least 1, got " + required);
    }
  }

  /** A new pending approval. */
  public static Approval pending(
      ApprovalId id,
      TenantId tenant,
      RunId runId,
      String callId,
      String tool,
      String arguments,
      String argumentsDigest,
      RiskTier tier,
      Principal requestedBy,
      int required,
      Instant now) {
    return new Approval(
        id,
        tenant,
        runId,
        callId,
        tool,
        arguments,
        argumentsDigest,
        tier,
        requestedBy,
        ApprovalStatus.PENDING,
        null,
        null,
        now,
        null,
        required,
        List.of(),
        null);
  }

  /**
   * This approval with one more vote: a deny denies it, approve votes approve it once there are
   * {@code required} of them.
   *
   * @throws Conflict if it is already decided or the approver has voted already
   */
  public Approval withVote(ApprovalVote vote) {
    if (status.decided()) {
      throw new Conflict(
          "approval '"
              + id
              + "' was already decided: "
              + status
              + " by '"
              + decidedBy
              + "' at "
              + decidedAt);
    }
    if (votes.stream().anyMatch(v -> v.approver().equals(vote.approver()))) {
      throw new Conflict("approval '" + id + "': " + vote.approver() + " has voted already");
    }
    var all = new ArrayList<>(votes);
    all.add(vote);
    var approvers = all.stream().filter(ApprovalVote::approve).map(ApprovalVote::approver).toList();
    ApprovalStatus next;
    String by;
    if (!vote.approve()) {
      next = ApprovalStatus.DENIED;
      by = vote.approver();
    } else if (approvers.size() >= required) {
      next = ApprovalStatus.APPROVED;
      by = String.join(", ", approvers);
    } else {
      next = ApprovalStatus.PENDING;
      by = null;
    }
    return new Approval(
        id,
        tenant,
        runId,
        callId,
        tool,
        arguments,
        argumentsDigest,
        tier,
        requestedBy,
        next,
        by,
        next.decided() ? vote.reason() : null,
        createdAt,
        next.decided() ? vote.at() : null,
        required,
        all,
        consumedBy);
  }

  /** This approval used by the call with the given idempotency key. */
  public Approval consumedBy(String idempotencyKey) {
    return new Approval(
        id,
        tenant,
        runId,
        callId,
        tool,
        arguments,
        argumentsDigest,
        tier,
        requestedBy,
        status,
        decidedBy,
        reason,
        createdAt,
        decidedAt,
        required,
        votes,
        idempotencyKey);
  }

  /** The approve votes, in order. */
  public List<ApprovalVote> approvals() {
    return votes.stream().filter(ApprovalVote::approve).toList();
  }
}
