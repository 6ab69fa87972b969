package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.audit.internal.Hashes;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How Gate outcomes and approvals become ledger entries. */
class LedgerEntryTests {
  private static final String ARGUMENTS = "{\"order\":\"A-1\", \"amount\": 5}";
  private static final Decision.Allow ALLOW = new Decision.Allow("within limits", List.of("p1"));

  @Test
  void anExecutedCallIsRecordedWithItsDecisionAndDigestsOnly() {
    var request = Fixtures.request(ARGUMENTS, RiskTier.WRITE_LOW);
    var result = ToolResult.success(request.call(), "{\"refunded\":true,\"card\":\"4111\"}");

    var entry = LedgerEntry.of(request, new GateOutcome.Executed(result, ALLOW, false));

    assertThat(entry.kind()).isEqualTo(EntryKind.EXECUTED);
    assertThat(entry.reason()).isEqualTo("within limits");
    assertThat(entry.policies()).containsExactly("p1");
    assertThat(entry.principals()).containsExactly("user:alice", "agent:support");
    assertThat(entry.tier()).isEqualTo(RiskTier.WRITE_LOW);
    assertThat(entry.argumentsDigest())
        .isEqualTo(Hashes.sha256Hex("{\"amount\":5,\"order\":\"A-1\"}"));
    assertThat(entry.resultDigest())
        .isEqualTo(Hashes.sha256Hex("{\"card\":\"4111\",\"refunded\":true}"));
    assertThat(EntryCodec.encode(EntryCodec.fields(entry), 1, Instant.EPOCH))
        .doesNotContain("A-1")
        .doesNotContain("4111");
  }

  @Test
  void anIntentCarriesWhatItsOutcomeWillExceptTheResult() {
    var request = Fixtures.request(ARGUMENTS, RiskTier.WRITE_LOW);
    var outcome =
        LedgerEntry.of(
            request,
            new GateOutcome.Executed(
                ToolResult.success(request.call(), "{\"refunded\":true}"), ALLOW, false));

    var intent = LedgerEntry.intent(request, ALLOW);

    assertThat(intent.kind()).isEqualTo(EntryKind.INTENT);
    assertThat(intent.resultDigest()).isNull();
    assertThat(intent)
        .usingRecursiveComparison()
        .ignoringFields("kind", "resultDigest")
        .isEqualTo(outcome);
    assertThat(intent.spanId()).isEqualTo(Fixtures.TRACE.spanId());
    assertThat(intent.traceId()).isEqualTo(Fixtures.TRACE.traceId());
  }

  @Test
  void onlyAnIntentAndAVoteEndNoCall() {
    assertThat(EntryKind.values())
        .filteredOn(kind -> !kind.outcome())
        .containsExactlyInAnyOrder(EntryKind.INTENT, EntryKind.APPROVED);
  }

  @Test
  void aToolErrorIsRecordedAsFailed() {
    var request = Fixtures.request(ARGUMENTS, RiskTier.WRITE_LOW);

    var entry =
        LedgerEntry.of(
            request,
            new GateOutcome.Executed(ToolResult.failure(request.call(), "timeout"), ALLOW, false));

    assertThat(entry.kind()).isEqualTo(EntryKind.FAILED);
  }

  @Test
  void aRejectionIsRecordedAsDenyWithItsStage() {
    var entry =
        LedgerEntry.of(
            Fixtures.request(ARGUMENTS, null),
            new GateOutcome.Rejected(
                "unknown-tool", new Decision.Deny("no such tool", List.of("colony:unknown-tool"))));

    assertThat(entry.kind()).isEqualTo(EntryKind.DENY);
    assertThat(entry.stage()).isEqualTo("unknown-tool");
    assertThat(entry.tier()).isNull();
  }

  @Test
  void awaitingApprovalIsRecordedAsApprovalRequested() {
    var entry =
        LedgerEntry.of(
            Fixtures.request(ARGUMENTS, RiskTier.WRITE_HIGH),
            new GateOutcome.AwaitingApproval(
                ApprovalId.of("ap-1"),
                new Decision.NeedsApproval("refunds need a person", 1, List.of("tier"))));

    assertThat(entry.kind()).isEqualTo(EntryKind.APPROVAL_REQUESTED);
    assertThat(entry.approvalId()).isEqualTo("ap-1");
  }

  @Test
  void aToolWaitingOnAChildRunIsRecordedAsAllowed() {
    var entry =
        LedgerEntry.of(
            Fixtures.request(ARGUMENTS, RiskTier.READ),
            new GateOutcome.Waiting("run:run-2", "the child run waits for approval"));

    assertThat(entry.kind()).isEqualTo(EntryKind.ALLOW);
    assertThat(entry.reason()).contains("run:run-2");
  }

  @Test
  void malformedArgumentsAreDigestedAsTheirRawText() {
    var entry =
        LedgerEntry.of(
            Fixtures.request("{not json", RiskTier.READ),
            new GateOutcome.Rejected("schema", new Decision.Deny("not JSON", List.of())));

    assertThat(entry.argumentsDigest()).isEqualTo(Hashes.sha256Hex("{not json"));
  }

  @Test
  void anApproveVoteIsRecordedWithTheApproverAndTheCount() {
    var vote = new ApprovalVote("bob", true, "ok", Instant.EPOCH, null);
    var approval = approval(2).withVote(vote);

    var entry = LedgerEntry.approvalVote(approval, vote);

    assertThat(entry.kind()).isEqualTo(EntryKind.APPROVED);
    assertThat(entry.decidedBy()).isEqualTo("bob");
    assertThat(entry.argumentsDigest()).isEqualTo(approval.argumentsDigest());
    assertThat(entry.reason())
        .isEqualTo("approved by bob: ok (1 of 2 approvals; the request is pending)");
  }

  @Test
  void aDenyVoteIsRecordedAsDenyAtTheApprovalStage() {
    var vote = new ApprovalVote("bob", false, null, Instant.EPOCH, null);

    var entry = LedgerEntry.approvalVote(approval(1).withVote(vote), vote);

    assertThat(entry.kind()).isEqualTo(EntryKind.DENY);
    assertThat(entry.stage()).isEqualTo("approval");
    assertThat(entry.reason()).isEqualTo("denied by bob (0 of 1 approvals; the request is denied)");
  }

  @Test
  void hostileTextIsBoundedAndMadeValidUnicode() {
    var entry =
        new LedgerEntry(
            EntryKind.DENY,
            Fixtures.TENANT,
            Fixtures.RUN,
            "call-\uD800",
            null,
            List.of(),
            "t".repeat(10_000),
            null,
            null,
            "r",
            List.of(),
            null,
            null,
            null,
            null,
            false,
            null,
            null);

    assertThat(entry.callId()).isEqualTo("call-\uFFFD");
    assertThat(entry.tool()).hasSizeLessThan(300).endsWith("[truncated]");
  }

  @Test
  void aDigestThatIsNotSha256HexIsRejected() {
    assertThatThrownBy(
            () ->
                new LedgerEntry(
                    EntryKind.DENY,
                    Fixtures.TENANT,
                    Fixtures.RUN,
                    "c",
                    null,
                    List.of(),
                    "t",
                    null,
                    null,
                    "r",
                    List.of(),
                    "ABC",
                    null,
                    null,
                    null,
                    false,
                    null,
                    null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("argumentsDigest");
  }

  @Test
  void anEntryReadsBackFromItsCanonicalJsonUnchanged() {
    var entry = Fixtures.entry(3);

    var decoded = EntryCodec.decode(EntryCodec.encode(EntryCodec.fields(entry), 7, Instant.EPOCH));

    assertThat(decoded.entry()).isEqualTo(entry);
    assertThat(decoded.seq()).isEqualTo(7);
  }

  private static Approval approval(int required) {
    return Approval.pending(
        ApprovalId.of("ap-1"),
        Fixtures.TENANT,
        Fixtures.RUN,
        "call-1",
        "orders.refund",
        "{\"amount\":5,\"order\":\"A-1\"}",
        Hashes.sha256Hex("{\"amount\":5,\"order\":\"A-1\"}"),
        RiskTier.WRITE_HIGH,
        Principal.user("alice"),
        required,
        Instant.EPOCH);
  }
}
