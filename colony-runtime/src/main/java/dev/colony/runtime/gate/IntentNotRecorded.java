package dev.colony.runtime.gate;

import dev.colony.core.ColonyException;

/**
 * The audit sink could not record the intent to run a call, so the tool was not run. Thrown by the
 * {@link IntentGuard} through the interceptors between it and the {@link AuditGuard}, which turns
 * it into the call's failed outcome: thrown rather than returned, so that the {@link EffectGuard}
 * does not record the failure as the call's result (the call runs when tried again) and the {@link
 * BreakerGuard} does not count it against the tool.
 */
final class IntentNotRecorded extends ColonyException {
  private static final long serialVersionUID = 1L;

  IntentNotRecorded(String tool, RuntimeException cause) {
    super(
        "the audit ledger could not record the intent to run '"
            + tool
            + "', so the tool did not run: "
            + cause.getMessage(),
        cause);
  }
}
