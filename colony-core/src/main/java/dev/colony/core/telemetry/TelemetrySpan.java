package dev.colony.core.telemetry;

import dev.colony.core.TraceContext;

/** A started span; {@link #end()} exactly once. */
public interface TelemetrySpan {
  void set(String key, Object value);

  void recordError(String type, String message);

  void end();

  /** The span's trace context, or {@code null} when nothing is recorded. */
  TraceContext context();

  /** A span that records nothing. */
  TelemetrySpan NONE =
      new TelemetrySpan() {
        @Override
        public void set(String key, Object value) {}

        @Override
        public void recordError(String type, String message) {}

        @Override
        public void end() {}

        @Override
        public TraceContext context() {
          return null;
        }
      };
}
