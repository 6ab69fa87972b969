package dev.colony.store;

/** The effect store contract on an embedded H2 file database. */
class H2EffectStoreTests extends EffectStoreContract {
  H2EffectStoreTests() {
    super(new H2Backend());
  }
}
