package dev.colony.examples.retail;

import dev.colony.core.ColonyException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Small JDBC helpers for the example's services. Thread-safe: each call takes a connection. */
final class Sql {
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> List<T> query(String sql, Row<T> row, Object... params) {
    return inTransaction(c -> query(c, sql, row, params));
  }

  <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    var rows = query(sql, row, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  static <T> List<T> query(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (var ps = prepare(c, sql, params);
        var rs = ps.executeQuery()) {
      var out = new ArrayList<T>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (var ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  <T> T inTransaction(Work<T> work) {
    try (var c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        var result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new ColonyException("retail database error: " + e.getMessage(), e);
    }
  }

  /**
   * Does an effect once per idempotency key, in one transaction: returns what {@code recorded}
   * finds for the key if anything, else runs {@code effect}. If a concurrent call with the same key
   * inserted first (a unique violation), the effect is rolled back to a savepoint and the other
   * call's record returned.
   */
  <T> T once(Work<T> recorded, Work<T> effect) {
    return inTransaction(
        c -> {
          var existing = recorded.run(c);
          if (existing != null) {
            return existing;
          }
          var savepoint = c.setSavepoint();
          try {
            return effect.run(c);
          } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
              throw e;
            }
            c.rollback(savepoint);
            return recorded.run(c);
          }
        });
  }

  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState());
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    var ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      var p = params[i];
      if (p instanceof Instant instant) {
        ps.setTimestamp(i + 1, Timestamp.from(instant));
      } else if (p instanceof Double d) {
        ps.setBigDecimal(i + 1, BigDecimal.valueOf(d));
      } else {
        ps.setObject(i + 1, p);
      }
    }
    return ps;
  }
}
