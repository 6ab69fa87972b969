package dev.colony.telemetry;

import dev.colony.core.TraceContext;
import dev.colony.core.telemetry.TelemetrySpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import java.util.Map;

/** A {@link TelemetrySpan} over an OpenTelemetry span; as thread-safe as the span it wraps. */
final class OpenTelemetrySpan implements TelemetrySpan {
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey(GenAiAttributes.ERROR_TYPE);
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

  /** The {@code error.type} value the semantic conventions use when no type is known. */
  static final String OTHER_ERROR = "_OTHER";

  private final Span span;

  OpenTelemetrySpan(Span span) {
    this.span = span;
  }

  Span span() {
    return span;
  }

  @Override
  public void set(String key, Object value) {
    if (key == null) {
      return;
    }
    var builder = Attributes.builder();
    put(builder, key, value);
    span.setAllAttributes(builder.build());
  }

  @Override
  public void recordError(String type, String message) {
    var errorType = type == null || type.isBlank() ? OTHER_ERROR : type;
    span.setStatus(StatusCode.ERROR, message == null ? "" : message);
    span.setAttribute(ERROR_TYPE, errorType);
    var event = Attributes.builder().put(EXCEPTION_TYPE, errorType);
    if (message != null) {
      event.put(EXCEPTION_MESSAGE, message);
    }
    span.addEvent("exception", event.build());
  }

  @Override
  public void end() {
    span.end();
  }

  @Override
  public TraceContext context() {
    var context = span.getSpanContext();
    return context.isValid() ? new TraceContext(context.getTraceId(), context.getSpanId()) : null;
  }

  /**
   * Converts attribute values: strings as strings, whole numbers as longs, {@code Double} and
   * {@code Float} as doubles, booleans as booleans, lists as string arrays, anything else by its
   * {@code toString()}. Null keys and values are skipped.
   */
  static Attributes toAttributes(Map<String, Object> values) {
    var builder = Attributes.builder();
    if (values != null) {
      values.forEach((key, value) -> put(builder, key, value));
    }
    return builder.build();
  }

  private static void put(AttributesBuilder builder, String key, Object value) {
    if (key == null || value == null) {
      return;
    }
    switch (value) {
      case String s -> builder.put(key, s);
      case Long l -> builder.put(key, l.longValue());
      case Integer i -> builder.put(key, i.longValue());
      case Short s -> builder.put(key, s.longValue());
      case Byte b -> builder.put(key, b.longValue());
      case Double d -> builder.put(key, d.doubleValue());
      case Float f -> builder.put(key, f.doubleValue());
      case Boolean b -> builder.put(key, b.booleanValue());
      case List<?> list ->
          builder.put(key, list.stream().map(String::valueOf).toArray(String[]::new));
      default -> builder.put(key, value.toString());
    }
  }
}
