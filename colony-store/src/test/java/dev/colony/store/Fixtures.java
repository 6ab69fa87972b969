package dev.colony.store;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.model.Message;
import dev.colony.core.model.Usage;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunCounters;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.EffectRecord;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Records for the store contracts; instants are whole microseconds, as the databases keep them. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456Z");

  private Fixtures() {}

  static TenantId newTenant() {
    return TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 8));
  }

  static Envelope envelope(TenantId tenant) {
    return new Envelope(
        tenant,
        List.of(Principal.user("alice@example.com"), Principal.agent("triage")),
        Set.of("orders:read", "refunds:write"),
        new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"),
        T0.plusSeconds(3600));
  }

  static RunRecord run(TenantId tenant, String id) {
    return run(tenant, id, T0);
  }

  static RunRecord run(TenantId tenant, String id, Instant createdAt) {
    return new RunRecord(
        RunId.of(id),
        "triage",
        envelope(tenant),
        null,
        null,
        RunStatus.RUNNING,
        "Where is my order 42?",
        null,
        null,
        null,
        createdAt,
        createdAt,
        0);
  }

  static RunRecord child(TenantId tenant, String id, RunId parent, String callId, Instant at) {
    return new RunRecord(
        RunId.of(id),
        "refunds",
        envelope(tenant).delegateTo(Principal.agent("refunds"), Set.of("refunds:write")),
        parent,
        callId,
        RunStatus.RUNNING,
        "Refund order 42",
        null,
        null,
        null,
        at,
        at,
        0);
  }

  static Checkpoint initial(RunRecord run) {
    return new Checkpoint(
        run.id(),
        0,
        List.of(new Message.System("You are triage."), new Message.User(run.input())),
        RunCounters.ZERO,
        run.createdAt());
  }

  /** A conversation with every kind of message and the text that breaks naive encoders. */
  static List<Message> everyMessageKind() {
    var lookup =
        new ToolCall("call_1", "orders.lookup", "{\"orderId\":42,\"note\":\"a \\\"b\\\"\"}");
    var broken = new ToolCall("call_2", "refunds.create", "{not json");
    return List.of(
        new Message.System("Be brief. \"Quotes\", \\backslashes\\, new\nlines, tabs\t and ' too."),
        new Message.User("注文 #42 はどこ? 🚚 Ünïcödé <script>alert('x')</script> \u0001"),
        new Message.Assistant(null, List.of(lookup, broken)),
        new Message.Assistant("", List.of()),
        new Message.ToolResultMessage(
            ToolResult.success(lookup, "{\"status\":\"shipped\",\"eta\":null,\"items\":[]}")),
        new Message.ToolResultMessage(ToolResult.failure(broken, "arguments are not JSON: {not")),
        Message.Assistant.text("Your order ships today — ¡gracias! 👍"));
  }

  static Approval approval(TenantId tenant, String id, RunId runId, String callId, Instant at) {
    return Approval.pending(
        ApprovalId.of(id),
        tenant,
        runId,
        callId,
        "refunds.create",
        "{\"orderId\":42,\"amount\":\"120.00\"}",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        RiskTier.WRITE_HIGH,
        Principal.user("alice@example.com"),
        1,
        at);
  }

  static ApprovalVote approve(String approver, Instant at) {
    return new ApprovalVote(approver, true, "looks right", at, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");
  }

  static ApprovalVote deny(String approver, Instant at) {
    return new ApprovalVote(approver, false, null, at, null);
  }

  static EffectRecord effect(String key, String runId, String digest) {
    return new EffectRecord(key, RunId.of(runId), "refunds.create", digest, null, T0);
  }

  static ToolResult refunded(String callId) {
    return new ToolResult(
        callId, "refunds.create", "{\"refundId\":\"r-1\",\"amount\":\"120.00\"}", false);
  }

  static RunCounters counters() {
    return new RunCounters(3, new Usage(1200, 340), 2);
  }
}
