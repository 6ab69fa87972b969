package dev.colony.core.identity;

import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One person's approval of one tool call, as a signed approval token carries it.
 *
 * @param tokenId unique id of the token (its {@code jti}); a token is used once
 * @param approvalId the approval request it answers
 * @param tenant the tenant of the run
 * @param runId the run whose call it allows
 * @param callId the call it allows
 * @param tool the tool the call runs
 * @param argumentsDigest SHA-256 (hex) of the RFC 8785 canonical arguments it allows
 * @param approver who approved
 * @param scopes the scopes the approval covers
 * @param expiresAt after this instant the token is refused
 */
public record ApprovalGrant(
    String tokenId,
    ApprovalId approvalId,
    TenantId tenant,
    RunId runId,
    String callId,
    String tool,
    String argumentsDigest,
    String approver,
    Set<String> scopes,
    Instant expiresAt) {
  public ApprovalGrant {
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(argumentsDigest, "argumentsDigest");
    Objects.requireNonNull(approver, "approver");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
