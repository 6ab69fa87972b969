package dev.colony.core.approval;

import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.RiskTier;
import java.time.Instant;
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
 * @param decidedBy who decided, or {@code null} while pending
 * @param reason the approver's reason, or {@code null}
 * @param createdAt when the call asked
 * @param decidedAt when it was decided, or {@code null} while pending
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
    Instant decidedAt) {
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
        null);
  }

  /** This approval decided; the caller checks it was pending. */
  public Approval decide(ApprovalStatus decision, String by, String why, Instant at) {
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
        decision,
        by,
        why,
        createdAt,
        at);
  }
}
