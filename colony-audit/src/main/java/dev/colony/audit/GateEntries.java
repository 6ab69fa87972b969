package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.core.Principal;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.erdtman.jcs.JsonCanonicalizer;

/** Maps Gate requests, outcomes and approvals to ledger entries. Stateless. */
final class GateEntries {
  private GateEntries() {}

  static LedgerEntry of(GateRequest request, GateOutcome outcome) {
    var envelope = request.envelope();
    var trace = envelope.trace();
    var call = request.call();
    var tier = request.spec() == null ? null : request.spec().tier();
    var principals = envelope.chain().stream().map(Principal::toString).toList();
    EntryKind kind;
    Decision decision;
    String stage = null;
    String resultDigest = null;
    String approvalId = null;
    boolean replayed = false;
    String reason;
    switch (outcome) {
      case GateOutcome.Executed e -> {
        kind = e.result().error() ? EntryKind.FAILED : EntryKind.EXECUTED;
        decision = e.decision();
        reason = decision.reason();
        resultDigest = digest(e.result().content());
        replayed = e.replayed();
      }
      case GateOutcome.Rejected r -> {
        kind = EntryKind.DENY;
        decision = r.decision();
        reason = decision.reason();
        stage = r.stage();
      }
      case GateOutcome.AwaitingApproval a -> {
        kind = EntryKind.APPROVAL_REQUESTED;
        decision = a.decision();
        reason = decision.reason() + " (approvals needed: " + a.decision().approvals() + ")";
        approvalId = a.approvalId().value();
      }
      case GateOutcome.Waiting w -> {
        kind = EntryKind.ALLOW;
        decision = null;
        reason = "allowed; waiting on " + w.waitingOn() + ": " + w.reason();
      }
    }
    return new LedgerEntry(
        kind,
        envelope.tenant(),
        request.runId(),
        call.id(),
        request.agent(),
        principals,
        call.name(),
        tier,
        stage,
        reason,
        decision == null ? List.of() : decision.policies(),
        digest(call.arguments()),
        resultDigest,
        approvalId,
        null,
        replayed,
        trace == null ? null : trace.traceId(),
        trace == null ? null : trace.spanId());
  }

  static LedgerEntry intent(GateRequest request, Decision.Allow allowed) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(allowed, "allowed");
    var envelope = request.envelope();
    var trace = envelope.trace();
    var call = request.call();
    return new LedgerEntry(
        EntryKind.INTENT,
        envelope.tenant(),
        request.runId(),
        call.id(),
        request.agent(),
        envelope.chain().stream().map(Principal::toString).toList(),
        call.name(),
        request.spec() == null ? null : request.spec().tier(),
        null,
        allowed.reason(),
        allowed.policies(),
        digest(call.arguments()),
        null,
        null,
        null,
        false,
        trace == null ? null : trace.traceId(),
        trace == null ? null : trace.spanId());
  }

  static LedgerEntry approvalVote(Approval approval, ApprovalVote vote) {
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(vote, "vote");
    var approvals = approval.approvals().size();
    var reason =
        (vote.approve() ? "approved by " : "denied by ")
            + vote.approver()
            + (vote.reason() == null || vote.reason().isBlank() ? "" : ": " + vote.reason())
            + " ("
            + approvals
            + " of "
            + approval.required()
            + " approvals; the request is "
            + approval.status().name().toLowerCase(Locale.ROOT)
            + ")";
    return new LedgerEntry(
        vote.approve() ? EntryKind.APPROVED : EntryKind.DENY,
        approval.tenant(),
        approval.runId(),
        approval.callId(),
        null,
        List.of(approval.requestedBy().toString()),
        approval.tool(),
        approval.tier(),
        vote.approve() ? null : "approval",
        reason,
        List.of(),
        Hashes.isHexDigest(approval.argumentsDigest())
            ? approval.argumentsDigest()
            : digest(approval.arguments()),
        null,
        approval.id().value(),
        vote.approver(),
        false,
        null,
        null);
  }

  /**
   * SHA-256 (hex) of the RFC 8785 canonical form of JSON text, the digest approvals use; of the raw
   * UTF-8 text when it is not JSON (a model's malformed arguments).
   */
  static String digest(String text) {
    String canonical;
    try {
      canonical = new JsonCanonicalizer(text).getEncodedString();
    } catch (IOException | RuntimeException notJson) {
      canonical = text;
    }
    return Hashes.sha256Hex(canonical);
  }
}
