package dev.colony.audit;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Entries, requests and a clock for the ledger's tests. */
final class Fixtures {
  static final TenantId TENANT = TenantId.of("acme");
  static final TenantId OTHER_TENANT = TenantId.of("globex");
  static final RunId RUN = RunId.of("run-1");
  static final TraceContext TRACE =
      new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

  private Fixtures() {}

  /** An executed entry of a run whose reason names {@code n}, so entries differ. */
  static LedgerEntry entry(TenantId tenant, RunId run, int n) {
    return new LedgerEntry(
        EntryKind.EXECUTED,
        tenant,
        run,
        "call-" + n,
        "support",
        List.of("user:alice", "agent:support"),
        "orders.get_order",
        RiskTier.READ,
        null,
        "reason-" + n,
        List.of("tier:read"),
        "a".repeat(64),
        "b".repeat(64),
        null,
        null,
        false,
        TRACE.traceId(),
        TRACE.spanId());
  }

  static LedgerEntry entry(int n) {
    return entry(TENANT, RUN, n);
  }

  /** A request for a call as the Gate sees it inside the {@code execute_tool} span. */
  static GateRequest request(String arguments, RiskTier tier) {
    var envelope =
        Envelope.of(TENANT, Principal.user("alice"), Set.of("orders"))
            .delegateTo(Principal.agent("support"), Set.of("orders"))
            .withTrace(TRACE);
    var spec =
        tier == null
            ? null
            : new ToolSpec(
                "orders.refund", "Refunds an order", "{\"type\":\"object\"}", null, tier);
    return new GateRequest(
        envelope,
        RUN,
        "support",
        new ToolCall("call-1", "orders.refund", arguments),
        spec,
        "run-1/call-1",
        new GateRequest.Budgeting(Budget.DEFAULT, 0, Instant.parse("2025-01-01T00:00:00Z")));
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(java.time.Duration by) {
      now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
