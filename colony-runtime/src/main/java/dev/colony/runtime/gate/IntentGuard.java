package dev.colony.runtime.gate;

import dev.colony.core.gate.AuditSink;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import java.util.List;
import java.util.Objects;

/**
 * Writes ahead: records the intent to run a call to a tool with an effect (every tier but {@code
 * READ}) with the audit sink immediately before the tool runs, and does not run the tool if that
 * record cannot be written.
 *
 * <p>It is the last interceptor before the tool, so the calls it sees were allowed by policy (and
 * approved, if they had to be), passed every other check, and are not answered from the effect
 * records: denied calls, calls waiting for approval and replayed results get no intent. The intent
 * names the decision the {@link PolicyGuard} made. {@code READ} calls have no effect and are only
 * recorded after the fact, by the {@link AuditGuard}.
 *
 * <p>If the sink fails, this throws {@link IntentNotRecorded}, which the {@link AuditGuard} turns
 * into the call's failed outcome. Stateless and thread-safe.
 */
public final class IntentGuard implements GateInterceptor {
  /** The decision named when no policy guard allowed the call (a Gate composed without one). */
  private static final Decision.Allow UNNAMED =
      new Decision.Allow("allowed (no policy guard in the chain)", List.of());

  private final AuditSink sink;

  public IntentGuard(AuditSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    if (request.spec() == null || !request.spec().tier().writes()) {
      return next.proceed(request);
    }
    var allowed = PolicyGuard.allowing();
    try {
      sink.intend(request, allowed == null ? UNNAMED : allowed);
    } catch (RuntimeException e) {
      throw new IntentNotRecorded(request.call().name(), e);
    }
    return next.proceed(request);
  }
}
