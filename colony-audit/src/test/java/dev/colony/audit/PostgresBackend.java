package dev.colony.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh schema in the PostgreSQL at {@code 127.0.0.1:5432} (database {@code test}, user {@code
 * postgres}), dropped afterwards.
 *
 * <p>With {@code -Dcolony.it.postgres=true} (CI) an unreachable server fails the suite; otherwise
 * it skips it, saying why. {@code -Dcolony.it.postgres.url} points elsewhere.
 */
final class PostgresBackend implements Backend {
  private static final Logger log = LoggerFactory.getLogger(PostgresBackend.class);
  private static final String SERVER =
      System.getProperty(
          "colony.it.postgres.url",
          "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=5");

  /** Why the server was unreachable, once it was: the suite skips the rest without retrying. */
  private static volatile String unreachable;

  private String schema;
  private HikariDataSource pool;
  private final List<HikariDataSource> others = new ArrayList<>();

  @Override
  public DataSource open() {
    if (unreachable != null && !Boolean.getBoolean("colony.it.postgres")) {
      Assumptions.abort(unreachable);
    }
    var candidate =
        "colony_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (var connection = DriverManager.getConnection(SERVER);
        var statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + candidate);
      schema = candidate;
    } catch (SQLException e) {
      var reason = "PostgreSQL at " + SERVER + " is unreachable: " + e.getMessage();
      if (Boolean.getBoolean("colony.it.postgres")) {
        throw new IllegalStateException("colony.it.postgres=true but " + reason, e);
      }
      log.warn(
          "Skipping the PostgreSQL suite: {} (set -Dcolony.it.postgres=true to require it)",
          reason);
      unreachable = "Skipped: " + reason + " (set -Dcolony.it.postgres=true to require PostgreSQL)";
      Assumptions.abort(unreachable);
    }
    pool = pool("audit-pg-test");
    return pool;
  }

  @Override
  public DataSource another() {
    var another = pool("audit-pg-test-" + (others.size() + 2));
    others.add(another);
    return another;
  }

  @Override
  public String urlForAnotherProcess() {
    return SERVER + "&currentSchema=" + schema;
  }

  private HikariDataSource pool(String name) {
    var config = new HikariConfig();
    config.setJdbcUrl(urlForAnotherProcess());
    config.setMaximumPoolSize(10);
    config.setPoolName(name);
    return new HikariDataSource(config);
  }

  @Override
  public void bypassTriggers(Connection connection) throws SQLException {
    try (var statement = connection.createStatement()) {
      statement.execute("ALTER TABLE colony_ledger DISABLE TRIGGER USER");
    }
  }

  @Override
  public void close() {
    others.forEach(HikariDataSource::close);
    if (pool != null) {
      pool.close();
    }
    if (schema == null) {
      return;
    }
    try (var connection = DriverManager.getConnection(SERVER);
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop schema " + schema + ": " + e.getMessage(), e);
    }
  }
}
