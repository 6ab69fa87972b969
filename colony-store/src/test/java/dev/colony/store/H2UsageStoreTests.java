package dev.colony.store;

/** The usage store contract on an embedded H2 file database. */
class H2UsageStoreTests extends UsageStoreContract {
  H2UsageStoreTests() {
    super(new H2Backend());
  }
}
