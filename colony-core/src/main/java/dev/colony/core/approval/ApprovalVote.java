package dev.colony.core.approval;

import dev.colony.core.InvalidInput;
import java.time.Instant;
import java.util.Objects;

/**
 * One person's answer to an approval request.
 *
 * @param approver who answered
 * @param approve {@code true} to approve, {@code false} to deny
 * @param reason why, or {@code null}
 * @param at when
 * @param token for an approval, the signed approval token that carries it (a compact JWS), or
 *     {@code null} on a node that does not sign approvals; {@code null} for a denial
 */
public record ApprovalVote(
    String approver, boolean approve, String reason, Instant at, String token) {
  public ApprovalVote {
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(at, "at");
    if (approver.isBlank()) {
      throw new InvalidInput("approver", "must name the person deciding");
    }
  }
}
