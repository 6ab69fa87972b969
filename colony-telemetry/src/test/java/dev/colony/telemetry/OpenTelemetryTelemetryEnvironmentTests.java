package dev.colony.telemetry;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.colony.core.InvalidInput;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenTelemetryTelemetry#fromEnvironment()} with OTEL settings given as property suppliers,
 * which autoconfiguration reads below environment variables and system properties.
 *
 * <p>Every exporter autoconfiguration builds is recorded and replaced by an in-memory one, so no
 * test touches the network. (The SDK's default OTLP protocol is gRPC.)
 */
class OpenTelemetryTelemetryEnvironmentTests {
  private final List<Object> builtExporters = new ArrayList<>();
  private final List<SpanData> spans = new CopyOnWriteArrayList<>();

  @BeforeEach
  void requireAnEnvironmentWithoutOtelSettings() {
    assumeThat(System.getenv().keySet()).noneMatch(key -> key.startsWith("OTEL_"));
    assumeThat(System.getProperties().stringPropertyNames())
        .noneMatch(key -> key.startsWith("otel."));
  }

  @Test
  void withoutOtelSettingsNoExporterIsBuilt() {
    try (var telemetry = fromEnvironment(Map.of())) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }

    assertThat(builtExporters).isEmpty();
  }

  @Test
  void withoutOtelSettingsSpansStillHaveTraceIds() {
    try (var telemetry = fromEnvironment(Map.of())) {
      var span = telemetry.start("invoke_agent orders", null, Map.of());
      span.end();

      assertThat(span.context()).isNotNull();
      assertThat(span.context().traceId()).matches("[0-9a-f]{32}");
    }
  }

  @Test
  void otlpEndpointTurnsOnOtlpTraceExport() {
    try (var telemetry =
        fromEnvironment(Map.of("otel.exporter.otlp.endpoint", "http://127.0.0.1:4317"))) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }

    assertThat(builtExporters)
        .extracting(exporter -> exporter.getClass().getSimpleName())
        .contains("OtlpGrpcSpanExporter");
    assertThat(spans).hasSize(1);
  }

  @Test
  void tracesOnlyEndpointLeavesMetricsAndLogsOff() {
    try (var telemetry =
        fromEnvironment(Map.of("otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4317"))) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }

    assertThat(builtExporters)
        .extracting(exporter -> exporter.getClass().getSimpleName())
        .containsExactly("OtlpGrpcSpanExporter");
  }

  @Test
  void explicitTracesExporterIsHonouredWithoutAnEndpoint() {
    try (var telemetry = fromEnvironment(Map.of("otel.traces.exporter", "otlp"))) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }

    assertThat(builtExporters)
        .extracting(exporter -> exporter.getClass().getSimpleName())
        .containsExactly("OtlpGrpcSpanExporter");
  }

  @Test
  void serviceNameDefaultsToColony() {
    try (var telemetry = fromEnvironment(Map.of("otel.traces.exporter", "otlp"))) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }

    assertThat(spans.getFirst())
        .hasResourceSatisfying(
            resource -> resource.hasAttribute(stringKey("service.name"), "colony"));
  }

  @Test
  void serviceNameSettingWins() {
    try (var telemetry =
        fromEnvironment(Map.of("otel.traces.exporter", "otlp", "otel.service.name", "orders"))) {
      telemetry.start("invoke_agent orders", null, Map.of()).end();
    }

    assertThat(spans.getFirst())
        .hasResourceSatisfying(
            resource -> resource.hasAttribute(stringKey("service.name"), "orders"));
  }

  @Test
  void serviceNameFromResourceAttributesWins() {
    try (var telemetry =
        fromEnvironment(
            Map.of(
                "otel.traces.exporter", "otlp",
                "otel.resource.attributes", "service.name=payments,deployment.environment=dev"))) {
      telemetry.start("invoke_agent payments", null, Map.of()).end();
    }

    assertThat(spans.getFirst())
        .hasResourceSatisfying(
            resource -> resource.hasAttribute(stringKey("service.name"), "payments"));
  }

  @Test
  void unknownExporterIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> fromEnvironment(Map.of("otel.traces.exporter", "carrier-pigeon")))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("otel.traces.exporter")
        .hasMessageContaining("carrier-pigeon");
  }

  private OpenTelemetryTelemetry fromEnvironment(Map<String, String> settings) {
    Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customizer =
        builder ->
            builder
                .addPropertiesSupplier(() -> settings)
                .addSpanExporterCustomizer(
                    (exporter, config) -> {
                      builtExporters.add(exporter);
                      exporter.shutdown();
                      return new RecordingSpanExporter(spans);
                    })
                .addMetricExporterCustomizer(
                    (exporter, config) -> {
                      builtExporters.add(exporter);
                      exporter.shutdown();
                      return InMemoryMetricExporter.create();
                    })
                .addLogRecordExporterCustomizer(
                    (exporter, config) -> {
                      builtExporters.add(exporter);
                      exporter.shutdown();
                      return InMemoryLogRecordExporter.create();
                    });
    return OpenTelemetryTelemetry.fromEnvironment(customizer);
  }

  /**
   * Keeps exported spans after shutdown, unlike {@code InMemorySpanExporter}, which clears them.
   */
  private record RecordingSpanExporter(List<SpanData> spans) implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
