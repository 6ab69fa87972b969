package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import java.util.List;
import java.util.Objects;

/**
 * The single enforcement point every tool call passes: a chain of interceptors ending with the
 * tool.
 *
 * <p>Immutable and thread-safe; calls pass concurrently. The runtime builds the chain from {@link
 * GateConfig}: telemetry, audit, unknown tools, schema, budget, policy and approval, any added
 * interceptors, circuit breaker, effect records, then the tool.
 */
public final class Gate {
  private final List<GateInterceptor> interceptors;
  private final GateInterceptor.Chain tool;

  public Gate(List<GateInterceptor> interceptors, GateInterceptor.Chain tool) {
    this.interceptors = List.copyOf(interceptors);
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  /** Passes one call through every interceptor and, if none stops it, runs the tool. */
  public GateOutcome pass(GateRequest request) {
    return proceed(0, request);
  }

  private GateOutcome proceed(int index, GateRequest request) {
    if (index == interceptors.size()) {
      return tool.proceed(request);
    }
    return interceptors.get(index).intercept(request, next -> proceed(index + 1, next));
  }
}
