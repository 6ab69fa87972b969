package dev.colony.store;

/** Where a contract suite's database lives: opened once per test class, cleaned up after. */
interface Backend extends AutoCloseable {
  /** Opens a fresh database, or aborts the test class (an assumption) with the reason. */
  Database open();

  /** Removes what {@link #open} created. */
  @Override
  void close();
}
