package dev.colony.governance;

/**
 * Hears what the shadow (log-only) policies would have decided, for a ledger or a test.
 *
 * <p>Called on the deciding thread after the enforced decision is made; what it does cannot change
 * that decision, and an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ShadowListener {
  void onShadowDecision(ShadowDecision decision);
}
