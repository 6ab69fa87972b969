package dev.colony.store;

/** The approval store contract on PostgreSQL, in a schema of its own. */
class PostgresApprovalStoreTests extends ApprovalStoreContract {
  PostgresApprovalStoreTests() {
    super(new PostgresBackend());
  }
}
