package dev.colony.store;

/** The run store contract on PostgreSQL, in a schema of its own. */
class PostgresRunStoreTests extends RunStoreContract {
  PostgresRunStoreTests() {
    super(new PostgresBackend());
  }
}
