package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.Text;
import dev.colony.core.InvalidInput;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.RiskTier;
import java.util.List;
import java.util.Objects;

/**
 * One decision or effect the ledger records: who asked for which tool call, what was decided and
 * why, and digests of what went in and came out.
 *
 * <p>Arguments and results are never kept in clear, only their SHA-256 digests. Free text is
 * bounded and made valid Unicode on construction (unpaired surrogates become U+FFFD; text longer
 * than its bound is cut and marked), so the entry read back may differ from a hostile one given.
 * Where the ledger stores it ({@code seq}) and when ({@code recordedAt}) are in {@link
 * LedgerRecord}.
 *
 * @param kind what happened
 * @param tenant the tenant of the run
 * @param runId the run that made the call
 * @param callId the call's id within the run
 * @param agent the calling agent, or {@code null} when not known (a person's approval)
 * @param principals the envelope's principal chain as {@code kind:id}, originator first
 * @param tool the tool called (as the model named it, which may not exist)
 * @param tier the tool's risk tier, or {@code null} for an unknown tool
 * @param stage the Gate stage that stopped the call ({@code schema}, {@code policy}, ... or {@code
 *     approval} for a person's denial), or {@code null}
 * @param reason why it was decided
 * @param policies the policies that decided
 * @param argumentsDigest SHA-256 (hex) of the RFC 8785 canonical arguments (of the raw UTF-8 text
 *     when the arguments are not JSON), or {@code null}
 * @param resultDigest SHA-256 (hex) of the result content, canonicalized the same way, or {@code
 *     null} when the tool did not return (or, for an intent, has not run yet)
 * @param approvalId the approval asked for or decided, or {@code null}
 * @param decidedBy who voted, for {@link EntryKind#APPROVED} and a person's denial
 * @param replayed whether an executed result was replayed from an earlier run of the same call
 * @param traceId the W3C trace id of the call's {@code execute_tool} span, or {@code null}
 * @param spanId the span id of that span, or {@code null}
 */
public record LedgerEntry(
    EntryKind kind,
    TenantId tenant,
    RunId runId,
    String callId,
    String agent,
    List<String> principals,
    String tool,
    RiskTier tier,
    String stage,
    String reason,
    List<String> policies,
    String argumentsDigest,
    String resultDigest,
    String approvalId,
    String decidedBy,
    boolean replayed,
    String traceId,
    String spanId) {

  /** Longest name or id kept: tool names, call ids, principals, policies. */
  static final int MAX_NAME = 256;

  /** Longest reason kept. */
  static final int MAX_REASON = 2_000;

  /** Most principals or policies kept. */
  static final int MAX_ITEMS = 64;

  public LedgerEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    callId = required("callId", Text.clean(callId, MAX_NAME));
    agent = Text.clean(agent, MAX_NAME);
    principals = names("principals", principals);
    tool = required("tool", Text.clean(tool, MAX_NAME));
    stage = Text.clean(stage, MAX_NAME);
    reason = required("reason", Text.clean(reason, MAX_REASON));
    policies = names("policies", policies);
    argumentsDigest = digest("argumentsDigest", argumentsDigest);
    resultDigest = digest("resultDigest", resultDigest);
    approvalId = Text.clean(approvalId, MAX_NAME);
    decidedBy = Text.clean(decidedBy, MAX_NAME);
    traceId = Text.clean(traceId, MAX_NAME);
    spanId = Text.clean(spanId, MAX_NAME);
  }

  /**
   * The entry for one call's passage through the Gate: {@code Executed} is {@link
   * EntryKind#EXECUTED}, or {@link EntryKind#FAILED} when the result is an error; {@code Rejected}
   * is {@link EntryKind#DENY}; {@code AwaitingApproval} is {@link EntryKind#APPROVAL_REQUESTED};
   * {@code Waiting} is {@link EntryKind#ALLOW}. Trace and span id come from the request's envelope,
   * which the runtime's {@code ToolSpans} sets to the call's {@code execute_tool} span.
   */
  public static LedgerEntry of(GateRequest request, GateOutcome outcome) {
    return GateEntries.of(request, outcome);
  }

  /**
   * The entry written ahead of a call to a tool with an effect, before the tool runs: {@link
   * EntryKind#INTENT}, with the principal chain, tool, tier, the policies that allowed it, the
   * arguments digest, and the trace and span id its outcome entry will carry; no result digest.
   *
   * @param allowed the decision that allowed the call
   */
  public static LedgerEntry intent(GateRequest request, Decision.Allow allowed) {
    return GateEntries.intent(request, allowed);
  }

  /**
   * The entry for one person's vote on an approval request: {@link EntryKind#APPROVED}, or {@link
   * EntryKind#DENY} at stage {@code approval}, naming the voter, how many approvals the request has
   * of how many it needs, and where it now stands.
   *
   * @param approval the request with the vote counted
   * @param vote the vote
   */
  public static LedgerEntry approvalVote(Approval approval, ApprovalVote vote) {
    return GateEntries.approvalVote(approval, vote);
  }

  private static String required(String field, String value) {
    if (value == null) {
      throw new InvalidInput("ledger entry " + field, "must be given, got null");
    }
    return value;
  }

  private static List<String> names(String field, List<String> values) {
    Objects.requireNonNull(values, field);
    if (values.size() > MAX_ITEMS) {
      throw new InvalidInput(
          "ledger entry " + field, "at most " + MAX_ITEMS + " allowed, got " + values.size());
    }
    return values.stream().map(v -> required(field, Text.clean(v, MAX_NAME))).toList();
  }

  private static String digest(String field, String value) {
    if (value != null && !Hashes.isHexDigest(value)) {
      throw new InvalidInput(
          "ledger entry " + field,
          "must be a SHA-256 in 64 lower-case hex digits, got '" + Text.clean(value, 80) + "'");
    }
    return value;
  }
}
