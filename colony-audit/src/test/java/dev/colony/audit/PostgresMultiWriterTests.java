package dev.colony.audit;

/** Several writers on one PostgreSQL schema. */
class PostgresMultiWriterTests extends MultiWriterContract {
  PostgresMultiWriterTests() {
    super(PostgresBackend::new);
  }
}
