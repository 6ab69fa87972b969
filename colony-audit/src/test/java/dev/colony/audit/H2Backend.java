package dev.colony.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import javax.sql.DataSource;

/** A fresh H2 file database in a temporary directory, opened as colony-store opens H2. */
final class H2Backend implements Backend {
  private Path dir;
  private HikariDataSource pool;

  @Override
  public DataSource open() {
    try {
      dir = Files.createTempDirectory("colony-audit-h2-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var config = new HikariConfig();
    config.setJdbcUrl(
        "jdbc:h2:file:"
            + dir.resolve("audit")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    config.setMaximumPoolSize(10);
    config.setPoolName("audit-h2-test");
    pool = new HikariDataSource(config);
    return pool;
  }

  @Override
  public void bypassTriggers(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER IF EXISTS colony_ledger_append_only");
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.close();
    }
    if (dir != null) {
      delete(dir);
    }
  }

  static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
