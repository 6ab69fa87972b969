package dev.colony.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Colony's defaults on top of OpenTelemetry SDK autoconfiguration.
 *
 * <p>Without any exporter or OTLP endpoint setting a signal exports nothing ({@code none}), so a
 * laptop without a collector gets no connection errors; with one, the SDK's own defaults apply
 * (OTLP). A service name nobody set becomes {@value #SERVICE_NAME}. Spans keep getting trace ids
 * when nothing exports them, so ledger entries and envelopes still carry one.
 */
final class EnvironmentDefaults {
  static final String SERVICE_NAME = "colony";

  private static final AttributeKey<String> SERVICE_NAME_KEY =
      AttributeKey.stringKey("service.name");
  private static final List<String> SIGNALS = List.of("traces", "metrics", "logs");

  private EnvironmentDefaults() {}

  /** Property overrides: {@code otel.<signal>.exporter=none} for every unconfigured signal. */
  static Map<String, String> exporters(ConfigProperties config) {
    var sharedEndpoint = isSet(config, "otel.exporter.otlp.endpoint");
    var overrides = new HashMap<String, String>();
    for (var signal : SIGNALS) {
      var exporterKey = "otel." + signal + ".exporter";
      var configured =
          isSet(config, exporterKey)
              || sharedEndpoint
              || isSet(config, "otel.exporter.otlp." + signal + ".endpoint");
      if (!configured) {
        overrides.put(exporterKey, "none");
      }
    }
    return overrides;
  }

  /**
   * The resource with {@code service.name} {@value #SERVICE_NAME} when neither {@code
   * OTEL_SERVICE_NAME} nor {@code OTEL_RESOURCE_ATTRIBUTES} named one (the SDK then reports {@code
   * unknown_service:java}).
   */
  static Resource serviceName(Resource resource, ConfigProperties config) {
    var current = resource.getAttribute(SERVICE_NAME_KEY);
    if (current != null && !current.startsWith("unknown_service")) {
      return resource;
    }
    return resource.merge(Resource.create(Attributes.of(SERVICE_NAME_KEY, SERVICE_NAME)));
  }

  /**
   * Adds a span processor that does nothing. The SDK hands out non-recording spans with invalid ids
   * when a tracer provider has no processor at all (as with {@code otel.traces.exporter=none});
   * this keeps real ids.
   */
  static SdkTracerProviderBuilder keepTraceIds(
      SdkTracerProviderBuilder builder, ConfigProperties config) {
    return builder.addSpanProcessor(new NoExportSpanProcessor());
  }

  private static boolean isSet(ConfigProperties config, String key) {
    var value = config.getString(key);
    return value != null && !value.isBlank();
  }

  /** A span processor that neither needs nor exports spans. */
  private static final class NoExportSpanProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }
}
