package dev.colony.store.internal;

import dev.colony.core.ColonyException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs JDBC work on pooled connections and turns SQL failures into {@link ColonyException}s that
 * say what was being done. Thread-safe: holds only the data source; every call borrows its own
 * connection.
 */
final class Sql {
  /** SQLSTATE of a unique or primary key violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  /** Work on one connection. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  /** Turns the current row into a value. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final DataSource dataSource;

  Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs work with auto-commit on: each statement is its own transaction. */
  <T> T withConnection(String what, Work<T> work) {
    try (var connection = dataSource.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Runs work in one transaction: committed if it returns, rolled back if it throws anything,
   * including a {@link ColonyException} it raises itself to refuse a write. The pool restores
   * auto-commit when the connection is returned.
   */
  <T> T inTransaction(String what, Work<T> work) {
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        var result = work.apply(connection);
        connection.commit();
        return result;
      } catch (Throwable t) {
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          t.addSuppressed(rollback);
        }
        throw t;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  static int update(Connection connection, String sql, Object... params) throws SQLException {
    try (var statement = prepare(connection, sql, params)) {
      return statement.executeUpdate();
    }
  }

  static <T> Optional<T> one(Connection connection, Row<T> row, String sql, Object... params)
      throws SQLException {
    try (var statement = prepare(connection, sql, params);
        var rows = statement.executeQuery()) {
      return rows.next() ? Optional.of(row.map(rows)) : Optional.empty();
    }
  }

  static <T> List<T> list(Connection connection, Row<T> row, String sql, Object... params)
      throws SQLException {
    try (var statement = prepare(connection, sql, params);
        var rows = statement.executeQuery()) {
      var result = new ArrayList<T>();
      while (rows.next()) {
        result.add(row.map(rows));
      }
      return result;
    }
  }

  /** The parameters of {@code first} followed by those of {@code second}. */
  static Object[] join(Object[] first, Object[] second) {
    var joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /**
   * The instant as the databases keep it: both store timestamps to the microsecond, so finer digits
   * are dropped before writing and the caller gets back exactly what a read returns.
   */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    var value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Reads an enum column, naming the column and value when it holds a name this code lacks. */
  static <E extends Enum<E>> E enumValue(ResultSet row, String column, Class<E> type)
      throws SQLException {
    var name = row.getString(column);
    for (var constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw new ColonyException(
        "column '"
            + column
            + "' holds '"
            + name
            + "', which is not a "
            + type.getSimpleName()
            + " this version knows");
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... params)
      throws SQLException {
    var statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, jdbcValue(params[i]));
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static Object jdbcValue(Object value) {
    return switch (value) {
      case null -> null;
      case Instant instant -> OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
      case Enum<?> constant -> constant.name();
      default -> value;
    };
  }

  private static ColonyException failure(String what, SQLException e) {
    return new ColonyException(
        "could not " + what + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")", e);
  }
}
