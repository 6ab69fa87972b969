package dev.colony.audit;

/** Several writers on one H2 file database, served to the second process by the first. */
class H2MultiWriterTests extends MultiWriterContract {
  H2MultiWriterTests() {
    super(H2Backend::new);
  }
}
