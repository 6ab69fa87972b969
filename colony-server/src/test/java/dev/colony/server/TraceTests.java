package dev.colony.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.audit.EntryKind;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.examples.retail.RetailAgents;
import dev.colony.examples.retail.RetailSupport;
import dev.colony.planner.OfflinePlanner;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.telemetry.OpenTelemetryTelemetry;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The retail case with real OpenTelemetry: the spans of every agent nest into one trace. */
class TraceTests {
  static final TenantId TENANT = TenantId.of("shop");

  @Test
  void theSupportCaseIsOneTraceFromTheOrchestratorToTheRefund() {
    var exporter = InMemorySpanExporter.create();
    var sdk = sdk(exporter);
    var data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:trace-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    RetailSupport.prepare(data, TENANT);
    var approvals = new InMemoryApprovalStore();
    var runtime =
        RetailSupport.install(AgentRuntime.builder(), data, Clock.systemUTC())
            .stores(new InMemoryRunStore(), approvals, new InMemoryEffectStore())
            .models(ModelResolver.always(RetailAgents.plans(OfflinePlanner.builder()).build()))
            .gate(g -> g.policy(RetailSupport.policy()))
            .telemetry(OpenTelemetryTelemetry.create(sdk))
            .build();
    var envelope = Envelope.of(TENANT, Principal.user("rep-7"), RetailAgents.scopes());

    runtime.start(RetailAgents.SUPPORT, envelope, RetailSupport.CASE_REQUEST);
    var approval = approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();
    runtime.approve(TENANT, approval.id(), "alice", null);

    var spans = exporter.getFinishedSpanItems();
    var support = named(spans, "invoke_agent support").getFirst();
    assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(support.getTraceId()));
    var refund =
        named(spans, "execute_tool refund_charge").stream()
            .filter(
                s ->
                    "allow"
                        .equals(
                            s.getAttributes().get(AttributeKey.stringKey("colony.gate.decision"))))
            .findFirst()
            .orElseThrow();
    // refund_charge <- invoke_agent payments <- execute_tool agent.payments <- invoke_agent support
    var paymentsRun = parentOf(spans, refund);
    assertThat(paymentsRun.getName()).isEqualTo("invoke_agent payments");
    var delegation = parentOf(spans, paymentsRun);
    assertThat(delegation.getName()).isEqualTo("execute_tool agent.payments");
    assertThat(parentOf(spans, delegation).getName()).isEqualTo("invoke_agent support");
    assertThat(refund.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
        .isEqualTo("refund_charge");
    assertThat(named(spans, "chat offline-planner")).isNotEmpty();
  }

  @Test
  void everyExecuteToolSpanHasExactlyOneOutcomeEntryAndAWritingCallAnIntentBeforeIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    var exporter = InMemorySpanExporter.create();
    var sdk = sdk(exporter);
    var data = new JdbcDataSource();
    data.setURL(
        "jdbc:h2:mem:ledger-"
            + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    RetailSupport.prepare(data, TENANT);
    var approvals = new InMemoryApprovalStore();
    try (var ledger =
        dev.colony.audit.Ledger.open(data, dev.colony.audit.LedgerConfig.builder(dir).build())) {
      var runtime =
          RetailSupport.install(AgentRuntime.builder(), data, Clock.systemUTC())
              .stores(new InMemoryRunStore(), approvals, new InMemoryEffectStore())
              .models(ModelResolver.always(RetailAgents.plans(OfflinePlanner.builder()).build()))
              .gate(
                  g ->
                      g.policy(RetailSupport.policy())
                          .audit(new dev.colony.audit.LedgerAuditSink(ledger)))
              .telemetry(OpenTelemetryTelemetry.create(sdk))
              .build();

      runtime.start(
          RetailAgents.SUPPORT,
          Envelope.of(TENANT, Principal.user("rep-7"), RetailAgents.scopes()),
          RetailSupport.CASE_REQUEST);
      runtime.approve(
          TENANT,
          approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst().id(),
          "alice",
          null);

      var toolSpans =
          exporter.getFinishedSpanItems().stream()
              .filter(span -> span.getName().startsWith("execute_tool "))
              .toList();
      var gateRecords =
          runtime.runs(TENANT, null, 100).stream()
              .flatMap(run -> ledger.entries(TENANT, run.id()).stream())
              .filter(r -> r.entry().spanId() != null)
              .toList();
      var outcomes =
          gateRecords.stream().filter(r -> r.entry().kind() != EntryKind.INTENT).toList();
      var intents = gateRecords.stream().filter(r -> r.entry().kind() == EntryKind.INTENT).toList();
      assertThat(toolSpans).hasSizeGreaterThan(10);
      for (var span : toolSpans) {
        var ofSpan =
            gateRecords.stream()
                .filter(
                    r ->
                        r.entry().spanId().equals(span.getSpanId())
                            && r.entry().traceId().equals(span.getTraceId()))
                .toList();
        var kinds = ofSpan.stream().map(r -> r.entry().kind()).toList();
        var attributes = span.getAttributes();
        var tier = attributes.get(AttributeKey.stringKey("colony.tool.tier"));
        // The tool ran (or started, and waits on a child run) now, not replayed from before.
        boolean ran =
            ("allow".equals(attributes.get(AttributeKey.stringKey("colony.gate.decision")))
                    && !Boolean.TRUE.equals(
                        attributes.get(AttributeKey.booleanKey("colony.tool.replayed"))))
                || attributes.get(AttributeKey.stringKey("colony.waiting_on")) != null;
        boolean intended = ran && tier != null && !"READ".equals(tier);
        assertThat(kinds)
            .as("ledger entries of span %s (%s, %s)", span.getSpanId(), span.getName(), tier)
            .filteredOn(k -> k != EntryKind.INTENT)
            .hasSize(1);
        assertThat(kinds)
            .as("intent entries of span %s (%s, %s)", span.getSpanId(), span.getName(), tier)
            .filteredOn(k -> k == EntryKind.INTENT)
            .hasSize(intended ? 1 : 0);
        if (intended) {
          assertThat(kinds.getFirst()).isEqualTo(EntryKind.INTENT);
          assertThat(ofSpan.getFirst().entry().callId())
              .isEqualTo(ofSpan.getLast().entry().callId());
        }
      }
      assertThat(outcomes).hasSameSizeAs(toolSpans);
      assertThat(intents)
          .extracting(r -> r.entry().tool())
          .contains("refund_charge", "reship_item");
      assertThat(ledger.verify().ok()).isTrue();
    }
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .build();
  }

  private static List<SpanData> named(List<SpanData> spans, String name) {
    return spans.stream().filter(s -> s.getName().equals(name)).toList();
  }

  private static SpanData parentOf(List<SpanData> spans, SpanData child) {
    return spans.stream()
        .filter(s -> s.getSpanId().equals(child.getParentSpanId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parent span for " + child.getName()));
  }
}
