package dev.colony.audit;

/** The ledger contract on PostgreSQL, in a schema of its own per test. */
class PostgresLedgerTests extends LedgerContract {
  PostgresLedgerTests() {
    super(PostgresBackend::new);
  }
}
