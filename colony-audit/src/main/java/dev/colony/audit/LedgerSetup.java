package dev.colony.audit;

import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opening a ledger: its schema migrations and its latest signed checkpoint. Stateless. */
final class LedgerSetup {
  private static final Logger log = LoggerFactory.getLogger(LedgerSetup.class);

  /** The ledger's table; the append-only triggers are in a folder per database. */
  static final String MIGRATIONS = "classpath:db/audit/common";

  static final String HISTORY_TABLE = "colony_audit_history";

  private LedgerSetup() {}

  static void migrate(DataSource dataSource) {
    try {
      Flyway.configure(LedgerSetup.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS, "classpath:db/audit/" + vendor(dataSource))
          .table(HISTORY_TABLE)
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new LedgerFailure(
          "could not migrate the audit ledger's tables (history table '"
              + HISTORY_TABLE
              + "'): "
              + e.getMessage(),
          e);
    }
  }

  /** The folder of the database's own migrations: {@code h2} or {@code postgresql}. */
  private static String vendor(DataSource dataSource) {
    String product;
    try (var connection = dataSource.getConnection()) {
      product = connection.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new LedgerFailure(
          "could not connect to the audit ledger's database: " + e.getMessage(), e);
    }
    return switch (product) {
      case "H2" -> "h2";
      case "PostgreSQL" -> "postgresql";
      default ->
          throw new LedgerFailure(
              "the audit ledger runs on PostgreSQL or H2, not on "
                  + product
                  + ": it has append-only triggers for those two only");
    };
  }

  static Optional<Checkpoint> latestCheckpoint(CheckpointSink sink, VerifierKey key) {
    Checkpoint latest = null;
    for (var note : sink.readAll()) {
      try {
        var checkpoint = Checkpoint.open(note, key);
        if (latest == null || checkpoint.size() >= latest.size()) {
          latest = checkpoint;
        }
      } catch (LedgerFailure e) {
        log.warn("Ignoring a checkpoint in {}: {}", sink, e.getMessage());
      }
    }
    return Optional.ofNullable(latest);
  }
}
