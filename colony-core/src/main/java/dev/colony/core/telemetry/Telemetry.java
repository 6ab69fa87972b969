package dev.colony.core.telemetry;

import dev.colony.core.TraceContext;
import java.util.Map;

/**
 * Where the runtime reports spans; the telemetry module implements it with OpenTelemetry.
 *
 * <p>Parents are passed explicitly, so spans nest correctly across virtual threads.
 */
public interface Telemetry {
  /**
   * Starts a span.
   *
   * @param name the span name, for example {@code execute_tool get_order}
   * @param parent the parent span, or {@code null} for a new trace (or the envelope's)
   * @param attributes initial attributes (values: String, Long, Integer, Double, Boolean)
   */
  TelemetrySpan start(String name, TelemetrySpan parent, Map<String, Object> attributes);

  /**
   * Starts a span whose parent lives elsewhere (another thread's span that is not at hand, a
   * resumed run's original trace, a remote caller).
   *
   * @param remoteParent the parent's trace context, or {@code null} for a new trace
   */
  default TelemetrySpan startChildOf(
      String name, TraceContext remoteParent, Map<String, Object> attributes) {
    return start(name, null, attributes);
  }

  /** Telemetry that records nothing. */
  static Telemetry none() {
    return (name, parent, attributes) -> TelemetrySpan.NONE;
  }
}
