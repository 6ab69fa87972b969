package dev.colony.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The SQL of the {@code colony_ledger} table. Thread-safe: it holds no state but the data source,
 * and each call borrows a connection and returns it.
 */
final class LedgerTable {
  /** SQLSTATE of a unique or primary key violation, on PostgreSQL and H2 alike. */
  static final String DUPLICATE_KEY = "23505";

  /** Rows fetched per round trip when scanning the whole table. */
  private static final int FETCH_SIZE = 1_000;

  private static final String INSERT =
      "INSERT INTO colony_ledger (seq, tenant, run_id, entry, leaf_hash, chain_hash, recorded_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String COLUMNS =
      "seq, tenant, run_id, entry, leaf_hash, chain_hash, recorded_at";

  private final DataSource dataSource;

  LedgerTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One row as stored. */
  record Row(
      long seq,
      String tenant,
      String runId,
      String entry,
      String leafHash,
      String chainHash,
      Instant recordedAt) {}

  /** Inserts rows in one transaction: all of them or, if it throws, none. */
  void insert(List<Row> rows) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      if (rows.size() == 1 && autoCommit) {
        // One row is its own transaction: one round trip instead of BEGIN/INSERT and COMMIT.
        try (var statement = connection.prepareStatement(INSERT)) {
          bind(statement, rows.getFirst());
          statement.executeUpdate();
        }
        return;
      }
      connection.setAutoCommit(false);
      try (var statement = connection.prepareStatement(INSERT)) {
        for (var row : rows) {
          bind(statement, row);
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static void bind(PreparedStatement statement, Row row) throws SQLException {
    statement.setLong(1, row.seq());
    statement.setString(2, row.tenant());
    statement.setString(3, row.runId());
    statement.setString(4, row.entry());
    statement.setString(5, row.leafHash());
    statement.setString(6, row.chainHash());
    statement.setObject(7, OffsetDateTime.ofInstant(row.recordedAt(), ZoneOffset.UTC));
  }

  /**
   * Whether the table ends with exactly these rows: a write that reported failure may have been
   * committed all the same (a connection lost after the commit reached the database). A failure to
   * find out is added to {@code failure}.
   */
  boolean endsWith(List<Row> rows, Exception failure) {
    try {
      var last = last();
      var ours = rows.getLast();
      return last != null
          && last.seq() == ours.seq()
          && last.chainHash().equals(ours.chainHash())
          && last.entry().equals(ours.entry());
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  /** The failure to report for rows that could not be inserted. */
  static LedgerFailure appendFailure(List<Row> rows, Exception e) {
    var range =
        rows.size() == 1
            ? "entry " + rows.getFirst().seq()
            : "entries " + rows.getFirst().seq() + ".." + rows.getLast().seq();
    if (e instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
      return new LedgerFailure(
          "could not append "
              + range
              + " to the audit ledger: the table already holds rows at those positions, which"
              + " this ledger did not write (another writer, or rows appended behind its back)."
              + " Run `colony audit verify`.",
          e);
    }
    return new LedgerFailure(
        "could not append " + range + " to the audit ledger: " + e.getMessage(), e);
  }

  /** The row with the highest seq, if any. */
  Row last() throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM colony_ledger ORDER BY seq DESC LIMIT 1");
        var rows = statement.executeQuery()) {
      return rows.next() ? row(rows) : null;
    }
  }

  /** Every row, in seq order, streamed. */
  void scan(Consumer<Row> visitor) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      // PostgreSQL streams with a cursor only inside a transaction.
      connection.setAutoCommit(false);
      try (var statement =
          connection.prepareStatement(
              "SELECT " + COLUMNS + " FROM colony_ledger ORDER BY seq",
              ResultSet.TYPE_FORWARD_ONLY,
              ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(FETCH_SIZE);
        try (var rows = statement.executeQuery()) {
          while (rows.next()) {
            visitor.accept(row(rows));
          }
        }
        connection.commit();
      } finally {
        rollbackQuietly(connection, null);
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  /** A run's rows in a tenant, in seq order. */
  List<Row> byRun(String tenant, String runId) throws SQLException {
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM colony_ledger WHERE tenant = ? AND run_id = ? ORDER BY seq")) {
      statement.setString(1, tenant);
      statement.setString(2, runId);
      try (var rows = statement.executeQuery()) {
        var out = new ArrayList<Row>();
        while (rows.next()) {
          out.add(row(rows));
        }
        return out;
      }
    }
  }

  private static Row row(ResultSet rows) throws SQLException {
    var recordedAt = rows.getObject(7, OffsetDateTime.class);
    return new Row(
        rows.getLong(1),
        rows.getString(2),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        recordedAt == null ? null : recordedAt.toInstant());
  }

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      }
    }
  }
}
