package dev.colony.store;

/** The approval store contract on an embedded H2 file database. */
class H2ApprovalStoreTests extends ApprovalStoreContract {
  H2ApprovalStoreTests() {
    super(new H2Backend());
  }
}
