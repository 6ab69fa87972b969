package dev.colony.runtime.gate;

import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.store.EffectRecord;
import dev.colony.core.store.EffectStore;
import dev.colony.runtime.internal.Json;
import java.time.Clock;
import java.util.List;

/**
 * Makes calls to tools that write happen at most once per idempotency key.
 *
 * <p>Before a writing tool runs, its key is recorded; after it finishes, its result. A call whose
 * key already has a result returns that result without running the tool again. A call whose key was
 * begun but never finished (its node died mid-call) runs again with the same key, which the tool
 * receives in its context and uses to recognise the repeat; so does a call whose intent the audit
 * ledger could not record (the {@link IntentGuard} after this one stopped it before the tool ran).
 * Reads are not recorded.
 */
public final class EffectGuard implements GateInterceptor {
  private final EffectStore effects;
  private final Clock clock;

  public EffectGuard(EffectStore effects, Clock clock) {
    this.effects = effects;
    this.clock = clock;
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    if (!request.spec().tier().writes()) {
      return next.proceed(request);
    }
    var tenant = request.envelope().tenant();
    var key = request.idempotencyKey();
    var recorded = effects.find(tenant, key);
    if (recorded.isPresent() && recorded.get().finished()) {
      return new GateOutcome.Executed(
          recorded.get().result(),
          new Decision.Allow(
              "already executed with this idempotency key; the recorded result is returned",
              List.of("colony:idempotency")),
          true);
    }
    if (recorded.isEmpty()) {
      effects.begin(
          tenant,
          new EffectRecord(
              key,
              request.runId(),
              request.call().name(),
              Json.digest(request.call().arguments()),
              null,
              clock.instant()));
    }
    var outcome = next.proceed(request);
    if (outcome instanceof GateOutcome.Executed executed) {
      effects.finish(tenant, key, executed.result());
    }
    return outcome;
  }
}
