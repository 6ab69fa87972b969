package dev.colony.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;

import dev.colony.core.TraceContext;
import dev.colony.core.telemetry.TelemetrySpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTelemetryTests {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                  .build())
          .build();
  private final OpenTelemetryTelemetry telemetry = OpenTelemetryTelemetry.create(sdk);

  @AfterEach
  void shutDown() {
    sdk.close();
  }

  @Test
  void childStartedOnAVirtualThreadHasTheParentStartedOnAnother() throws InterruptedException {
    var parent = telemetry.start("invoke_agent orders", null, Map.of());

    Thread.ofVirtual()
        .start(() -> telemetry.start("execute_tool get_order", parent, Map.of()).end())
        .join();
    parent.end();

    assertThat(span("execute_tool get_order")).hasParent(span("invoke_agent orders"));
  }

  @Test
  void explicitParentWinsOverTheThreadsCurrentSpan() {
    var parent = telemetry.start("invoke_agent orders", null, Map.of());
    var unrelated = sdk.getTracer("test").spanBuilder("unrelated").startSpan();

    try (var ignored = unrelated.makeCurrent()) {
      telemetry.start("execute_tool get_order", parent, Map.of()).end();
    }
    unrelated.end();
    parent.end();

    assertThat(span("execute_tool get_order")).hasParent(span("invoke_agent orders"));
  }

  @Test
  void spansWithoutParentStartNewTraces() {
    telemetry.start("invoke_agent orders", null, Map.of()).end();
    telemetry.start("invoke_agent payments", null, Map.of()).end();

    var orders = span("invoke_agent orders");
    var payments = span("invoke_agent payments");
    assertThat(orders).hasNoParent();
    assertThat(payments).hasNoParent();
    assertThat(orders.getTraceId()).isNotEqualTo(payments.getTraceId());
  }

  @Test
  void rootSpanStartedInsideAnotherSpansScopeStillStartsANewTrace() {
    var unrelated = sdk.getTracer("test").spanBuilder("unrelated").startSpan();

    try (var ignored = unrelated.makeCurrent()) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }
    unrelated.end();

    assertThat(span("invoke_agent orders")).hasNoParent();
    assertThat(span("invoke_agent orders").getTraceId())
        .isNotEqualTo(span("unrelated").getTraceId());
  }

  @Test
  void attributeValuesKeepTheirTypes() {
    Map<String, Object> attributes =
        Map.of(
            "text",
            "get_order",
            "long",
            1_234_567_890_123L,
            "int",
            42,
            "double",
            0.25d,
            "float",
            1.5f,
            "flag",
            true,
            "list",
            List.of("orders", "payments"),
            "other",
            Duration.ofSeconds(3));

    telemetry.start("execute_tool get_order", null, attributes).end();

    assertThat(span("execute_tool get_order"))
        .hasAttribute(stringKey("text"), "get_order")
        .hasAttribute(longKey("long"), 1_234_567_890_123L)
        .hasAttribute(longKey("int"), 42L)
        .hasAttribute(doubleKey("double"), 0.25d)
        .hasAttribute(doubleKey("float"), 1.5d)
        .hasAttribute(booleanKey("flag"), true)
        .hasAttribute(stringArrayKey("list"), List.of("orders", "payments"))
        .hasAttribute(stringKey("other"), "PT3S");
  }

  @Test
  void attributesSetAfterStartAreRecordedAndNullsSkipped() {
    var span = telemetry.start("chat gpt-4.1", null, Map.of());

    span.set(GenAiAttributes.USAGE_INPUT_TOKENS, 120);
    span.set(GenAiAttributes.USAGE_OUTPUT_TOKENS, 35L);
    span.set("absent", null);
    span.end();

    assertThat(span("chat gpt-4.1"))
        .hasAttribute(longKey(GenAiAttributes.USAGE_INPUT_TOKENS), 120L)
        .hasAttribute(longKey(GenAiAttributes.USAGE_OUTPUT_TOKENS), 35L)
        .hasTotalAttributeCount(2);
  }

  @Test
  void recordErrorSetsErrorStatusTypeAndAnExceptionEvent() {
    var span = telemetry.start("execute_tool refund_charge", null, Map.of());

    span.recordError("PolicyDenied", "tool 'refund_charge' denied by policy 'refunds'");
    span.end();

    assertThat(span("execute_tool refund_charge"))
        .hasStatusSatisfying(
            status ->
                status
                    .hasCode(StatusCode.ERROR)
                    .hasDescription("tool 'refund_charge' denied by policy 'refunds'"))
        .hasAttribute(stringKey(GenAiAttributes.ERROR_TYPE), "PolicyDenied")
        .hasEventsSatisfyingExactly(
            event ->
                event
                    .hasName("exception")
                    .hasAttributes(
                        Attributes.of(
                            stringKey("exception.type"),
                            "PolicyDenied",
                            stringKey("exception.message"),
                            "tool 'refund_charge' denied by policy 'refunds'")));
  }

  @Test
  void recordErrorWithoutTypeUsesTheConventionsFallback() {
    var span = telemetry.start("execute_tool get_order", null, Map.of());

    span.recordError(null, null);
    span.end();

    assertThat(span("execute_tool get_order"))
        .hasAttribute(stringKey(GenAiAttributes.ERROR_TYPE), "_OTHER")
        .hasStatusSatisfying(status -> status.hasCode(StatusCode.ERROR));
  }

  @Test
  void remoteParentContinuesTheCallersTrace() {
    var caller = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

    telemetry.startChildOf("invoke_agent inventory", caller, Map.of()).end();

    assertThat(span("invoke_agent inventory"))
        .hasTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .hasParentSpanId("00f067aa0ba902b7")
        .isSampled();
  }

  @Test
  void malformedRemoteParentStartsANewTrace() {
    var malformed = new TraceContext("4BF92F35-not-hex", "00f067aa0ba902b7");

    var span = telemetry.startChildOf("invoke_agent inventory", malformed, Map.of());
    span.end();

    assertThat(span("invoke_agent inventory")).hasNoParent();
    assertThat(span.context().traceId()).matches("[0-9a-f]{32}");
  }

  @Test
  void nullRemoteParentStartsANewTrace() {
    telemetry.startChildOf("invoke_agent inventory", null, Map.of()).end();

    assertThat(span("invoke_agent inventory")).hasNoParent();
  }

  @Test
  void parentThatRecordsNothingStartsANewTrace() {
    telemetry.start("invoke_agent orders", TelemetrySpan.NONE, Map.of()).end();

    assertThat(span("invoke_agent orders")).hasNoParent();
  }

  @Test
  void parentFromAnotherImplementationContinuesItsTrace() {
    var foreign =
        new TelemetrySpan() {
          @Override
          public void set(String key, Object value) {}

          @Override
          public void recordError(String type, String message) {}

          @Override
          public void end() {}

          @Override
          public TraceContext context() {
            return new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
          }
        };

    telemetry.start("execute_tool get_order", foreign, Map.of()).end();

    assertThat(span("execute_tool get_order"))
        .hasTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .hasParentSpanId("00f067aa0ba902b7");
  }

  @Test
  void contextNamesTheSpansTraceAndSpanIds() {
    var span = telemetry.start("invoke_agent orders", null, Map.of());
    span.end();

    var recorded = span("invoke_agent orders");
    assertThat(span.context())
        .isEqualTo(new TraceContext(recorded.getTraceId(), recorded.getSpanId()));
  }

  @Test
  void chatSpansAreClientSpans() {
    telemetry.start("chat gpt-4.1", null, Map.of()).end();

    assertThat(span("chat gpt-4.1")).hasKind(SpanKind.CLIENT);
  }

  @Test
  void agentAndToolSpansAreInternal() {
    telemetry.start("invoke_agent orders", null, Map.of()).end();
    telemetry.start("execute_tool chatter", null, Map.of()).end();
    telemetry.start("chatroom", null, Map.of()).end();

    assertThat(span("invoke_agent orders")).hasKind(SpanKind.INTERNAL);
    assertThat(span("execute_tool chatter")).hasKind(SpanKind.INTERNAL);
    assertThat(span("chatroom")).hasKind(SpanKind.INTERNAL);
  }

  @Test
  void spansCarryColonysInstrumentationScope() {
    telemetry.start("invoke_agent orders", null, Map.of()).end();

    assertThat(span("invoke_agent orders").getInstrumentationScopeInfo().getName())
        .isEqualTo("dev.colony");
  }

  @Test
  void noopOpenTelemetryRecordsNoContext() {
    var span = OpenTelemetryTelemetry.create(OpenTelemetry.noop()).start("chat m", null, Map.of());
    span.end();

    assertThat(span.context()).isNull();
  }

  @Test
  void closeFlushesBatchedSpans() {
    var batched = InMemorySpanExporter.create();
    try (var batchingSdk = batchingSdk(batched)) {
      var batchingTelemetry = OpenTelemetryTelemetry.create(batchingSdk);
      batchingTelemetry.start("invoke_agent orders", null, Map.of()).end();

      batchingTelemetry.close();

      assertThat(batched.getFinishedSpanItems())
          .extracting(SpanData::getName)
          .containsExactly("invoke_agent orders");
    }
  }

  @Test
  void closeLeavesTheCallersSdkRunning() {
    var batched = InMemorySpanExporter.create();
    try (var batchingSdk = batchingSdk(batched)) {
      OpenTelemetryTelemetry.create(batchingSdk).close();

      OpenTelemetryTelemetry.create(batchingSdk).start("invoke_agent orders", null, Map.of()).end();
      batchingSdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

      assertThat(batched.getFinishedSpanItems()).hasSize(1);
    }
  }

  private static OpenTelemetrySdk batchingSdk(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(
                    BatchSpanProcessor.builder(exporter)
                        .setScheduleDelay(Duration.ofHours(1))
                        .build())
                .build())
        .build();
  }

  private SpanData span(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finished span named '" + name + "'"));
  }
}
