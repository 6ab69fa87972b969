package dev.colony.audit;

/** Tampering with a ledger on PostgreSQL, and its detection. */
class PostgresTamperingTests extends TamperingContract {
  PostgresTamperingTests() {
    super(PostgresBackend::new);
  }
}
