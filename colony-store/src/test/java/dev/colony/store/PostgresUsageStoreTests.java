package dev.colony.store;

/** The usage store contract on PostgreSQL, in a schema of its own. */
class PostgresUsageStoreTests extends UsageStoreContract {
  PostgresUsageStoreTests() {
    super(new PostgresBackend());
  }
}
