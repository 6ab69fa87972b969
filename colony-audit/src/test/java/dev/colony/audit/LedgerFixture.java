package dev.colony.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the ledger contract suites share: a fresh database from a {@link Backend}, a data directory,
 * a hand-moved clock and a ledger on them, per test (tampering tests wreck the ledger). Checkpoints
 * every 10 entries; the checkpoint timer is off unless a test turns it on.
 */
abstract class LedgerFixture {
  static final Instant START = Instant.parse("2025-06-01T12:00:00Z");

  private final Supplier<Backend> backends;
  Backend backend;
  DataSource dataSource;
  Path dataDir;
  Fixtures.MutableClock clock;
  Ledger ledger;

  LedgerFixture(Supplier<Backend> backends) {
    this.backends = backends;
  }

  @BeforeEach
  final void openLedger() throws IOException {
    backend = backends.get();
    dataSource = backend.open();
    dataDir = Files.createTempDirectory("colony-audit-data-");
    clock = new Fixtures.MutableClock(START);
    ledger = Ledger.open(dataSource, config().build());
  }

  @AfterEach
  final void closeLedger() {
    try {
      if (ledger != null) {
        ledger.close();
      }
    } finally {
      try {
        backend.close();
      } finally {
        if (dataDir != null) {
          H2Backend.delete(dataDir);
        }
      }
    }
  }

  LedgerConfig.Builder config() {
    return LedgerConfig.builder(dataDir)
        .clock(clock)
        .checkpointEvery(10)
        .checkpointInterval(Duration.ZERO);
  }

  Path checkpointFile() {
    return dataDir.resolve(LedgerConfig.CHECKPOINT_FILE);
  }

  /** Appends entries 1..n of the default run. */
  void appendEntries(int n) {
    for (int i = 1; i <= n; i++) {
      ledger.append(Fixtures.entry(i));
    }
  }

  /** A verifier as a fresh process would build it: the table, the file and the public key. */
  VerificationReport verifyFresh(Duration tailTolerance) {
    return LedgerVerifier.builder(
            dataSource,
            FileCheckpointSink.at(checkpointFile()),
            VerifierKey.parse(ledger.verifierKey().toString()))
        .clock(clock)
        .tailTolerance(tailTolerance)
        .build()
        .verify();
  }

  VerificationReport verifyFresh() {
    return verifyFresh(Duration.ofMinutes(1));
  }

  /** Runs SQL as it is, without bypassing the triggers. */
  void sql(String statement) throws SQLException {
    try (var connection = dataSource.getConnection();
        var jdbc = connection.createStatement()) {
      jdbc.execute(statement);
    }
  }

  /** Runs SQL after switching off the append-only triggers, as a superuser could. */
  void tamper(String statement) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      backend.bypassTriggers(connection);
      try (var jdbc = connection.createStatement()) {
        jdbc.execute(statement);
      }
    }
  }
}
