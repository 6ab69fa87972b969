package dev.colony.store;

/** The effect store contract on PostgreSQL, in a schema of its own. */
class PostgresEffectStoreTests extends EffectStoreContract {
  PostgresEffectStoreTests() {
    super(new PostgresBackend());
  }
}
