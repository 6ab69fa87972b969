package dev.colony.store;

/** The run store contract on an embedded H2 file database. */
class H2RunStoreTests extends RunStoreContract {
  H2RunStoreTests() {
    super(new H2Backend());
  }
}
