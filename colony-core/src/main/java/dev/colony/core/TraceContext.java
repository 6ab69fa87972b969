package dev.colony.core;

import java.util.Objects;

/**
 * W3C trace context carried with a unit of work so every span of it shares one trace.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits of the parent span
 */
public record TraceContext(String traceId, String spanId) {
  public TraceContext {
    Objects.requireNonNull(traceId, "traceId");
    Objects.requireNonNull(spanId, "spanId");
  }

  /** The W3C {@code traceparent} header value for this context, sampled. */
  public String traceparent() {
    return "00-" + traceId + "-" + spanId + "-01";
  }
}
