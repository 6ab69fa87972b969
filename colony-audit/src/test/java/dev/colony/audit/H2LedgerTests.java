package dev.colony.audit;

/** The ledger contract on an H2 file database in PostgreSQL mode. */
class H2LedgerTests extends LedgerContract {
  H2LedgerTests() {
    super(H2Backend::new);
  }
}
