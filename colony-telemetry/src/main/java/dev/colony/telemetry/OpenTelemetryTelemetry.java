package dev.colony.telemetry;

import dev.colony.core.InvalidInput;
import dev.colony.core.TraceContext;
import dev.colony.core.telemetry.Telemetry;
import dev.colony.core.telemetry.TelemetrySpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The core {@link Telemetry} SPI on OpenTelemetry.
 *
 * <p>Thread-safe: it holds only a tracer, and OpenTelemetry spans may be used from any thread.
 * Parents are always explicit; nothing reads or changes the thread-local current context, so spans
 * nest correctly when work moves between virtual threads.
 *
 * <p>Spans named {@code chat ...} (model calls) are {@link SpanKind#CLIENT}; all others are {@link
 * SpanKind#INTERNAL}. Attribute keys the runtime uses are in {@link GenAiAttributes}.
 */
public final class OpenTelemetryTelemetry implements Telemetry, AutoCloseable {
  /** The instrumentation scope of every span Colony records. */
  public static final String INSTRUMENTATION_SCOPE = "dev.colony";

  private static final long CLOSE_TIMEOUT_SECONDS = 10;
  private static final String CONFIGURATION = "OpenTelemetry settings (OTEL_* / otel.*)";

  private final OpenTelemetry otel;
  private final Tracer tracer;
  private final boolean owned;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OpenTelemetryTelemetry(OpenTelemetry otel, boolean owned, Thread shutdownHook) {
    this.otel = otel;
    this.tracer = otel.getTracer(INSTRUMENTATION_SCOPE);
    this.owned = owned;
    this.shutdownHook = shutdownHook;
  }

  /**
   * Telemetry over an OpenTelemetry instance the caller owns; {@link #close()} flushes it but does
   * not shut it down.
   */
  public static OpenTelemetryTelemetry create(OpenTelemetry otel) {
    return new OpenTelemetryTelemetry(Objects.requireNonNull(otel, "otel"), false, null);
  }

  /**
   * Telemetry configured by the standard {@code OTEL_*} environment variables and {@code otel.*}
   * system properties ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_EXPORTER}, {@code
   * OTEL_SERVICE_NAME}, ...).
   *
   * <p>Colony's defaults differ from the SDK's in two ways: the service name is {@code colony}, and
   * a signal whose exporter and OTLP endpoint are both unset exports nothing, so a laptop without a
   * collector sees no connection errors. Spans still get trace ids for the ledger. {@link #close()}
   * flushes and shuts the SDK down; a shutdown hook does the same if the JVM exits first.
   *
   * @throws InvalidInput when a setting is not one OpenTelemetry understands
   */
  public static OpenTelemetryTelemetry fromEnvironment() {
    return fromEnvironment(builder -> {});
  }

  /** As {@link #fromEnvironment()}, with a last say for tests (property suppliers, exporters). */
  static OpenTelemetryTelemetry fromEnvironment(
      Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customizer) {
    var builder =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesCustomizer(EnvironmentDefaults::exporters)
            .addResourceCustomizer(EnvironmentDefaults::serviceName)
            .addTracerProviderCustomizer(EnvironmentDefaults::keepTraceIds)
            .disableShutdownHook();
    customizer.accept(builder);
    OpenTelemetrySdk sdk;
    try {
      sdk = builder.build().getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      var error = new InvalidInput(CONFIGURATION, e.getMessage());
      error.initCause(e);
      throw error;
    }
    var hook = new Thread(() -> shutdown(sdk), "colony-telemetry-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return new OpenTelemetryTelemetry(sdk, true, hook);
  }

  @Override
  public TelemetrySpan start(String name, TelemetrySpan parent, Map<String, Object> attributes) {
    var builder = spanBuilder(name, attributes);
    switch (parent) {
      case null -> builder.setNoParent();
      case OpenTelemetrySpan local -> builder.setParent(Context.root().with(local.span()));
      default -> {
        // Another implementation's span: continue its trace if it has one.
        var context = parent.context();
        var spanContext =
            context == null
                ? SpanContext.getInvalid()
                : SpanContext.create(
                    context.traceId(),
                    context.spanId(),
                    TraceFlags.getSampled(),
                    TraceState.getDefault());
        setParent(builder, spanContext);
      }
    }
    return new OpenTelemetrySpan(builder.startSpan());
  }

  /**
   * Starts a span whose parent is a remote (or no longer at hand) span, known by its trace context.
   *
   * <p>A context with malformed ids (not 32 and 16 lower-case hex digits, or all zeros) starts a
   * new trace, as W3C Trace Context's processing model does with a {@code traceparent} it cannot
   * parse.
   *
   * @param remoteParent the parent's trace and span ids, or {@code null} for a new trace
   */
  @Override
  public TelemetrySpan startChildOf(
      String name, TraceContext remoteParent, Map<String, Object> attributes) {
    var builder = spanBuilder(name, attributes);
    var spanContext =
        remoteParent == null
            ? SpanContext.getInvalid()
            : SpanContext.createFromRemoteParent(
                remoteParent.traceId(),
                remoteParent.spanId(),
                TraceFlags.getSampled(),
                TraceState.getDefault());
    setParent(builder, spanContext);
    return new OpenTelemetrySpan(builder.startSpan());
  }

  /**
   * Flushes recorded spans; when this instance built the SDK ({@link #fromEnvironment()}), also
   * shuts it down. Waits at most ten seconds; later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (!(otel instanceof OpenTelemetrySdk sdk)) {
      return;
    }
    if (!owned) {
      sdk.getSdkTracerProvider().forceFlush().join(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; shutting down twice is harmless.
    }
    shutdown(sdk);
  }

  static SpanKind kindOf(String name) {
    return name.equals(GenAiAttributes.CHAT) || name.startsWith(GenAiAttributes.CHAT + " ")
        ? SpanKind.CLIENT
        : SpanKind.INTERNAL;
  }

  private SpanBuilder spanBuilder(String name, Map<String, Object> attributes) {
    Objects.requireNonNull(name, "span name");
    return tracer
        .spanBuilder(name)
        .setSpanKind(kindOf(name))
        .setAllAttributes(OpenTelemetrySpan.toAttributes(attributes));
  }

  private static void setParent(SpanBuilder builder, SpanContext parent) {
    if (parent.isValid()) {
      builder.setParent(Context.root().with(Span.wrap(parent)));
    } else {
      builder.setNoParent();
    }
  }

  private static void shutdown(OpenTelemetrySdk sdk) {
    sdk.shutdown().join(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
