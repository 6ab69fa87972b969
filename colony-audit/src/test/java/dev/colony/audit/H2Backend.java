package dev.colony.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * A fresh H2 file database in a temporary directory, opened as colony-store opens H2: served to
 * other processes by the first that opens it ({@code AUTO_SERVER=TRUE}).
 */
final class H2Backend implements Backend {
  private Path dir;
  private HikariDataSource pool;
  private final List<HikariDataSource> others = new ArrayList<>();

  @Override
  public DataSource open() {
    try {
      dir = Files.createTempDirectory("colony-audit-h2-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pool = pool("audit-h2-test");
    return pool;
  }

  @Override
  public DataSource another() {
    var another = pool("audit-h2-test-" + (others.size() + 2));
    others.add(another);
    return another;
  }

  @Override
  public String urlForAnotherProcess() {
    return url();
  }

  private String url() {
    return "jdbc:h2:file:"
        + dir.resolve("audit")
        + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  private HikariDataSource pool(String name) {
    var config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setMaximumPoolSize(10);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  @Override
  public void bypassTriggers(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("DROP TRIGGER IF EXISTS colony_ledger_append_only");
    }
  }

  @Override
  public void close() {
    others.forEach(HikariDataSource::close);
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
