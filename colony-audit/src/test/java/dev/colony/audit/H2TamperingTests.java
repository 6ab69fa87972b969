package dev.colony.audit;

/** Tampering with a ledger on H2, and its detection. */
class H2TamperingTests extends TamperingContract {
  H2TamperingTests() {
    super(H2Backend::new);
  }
}
