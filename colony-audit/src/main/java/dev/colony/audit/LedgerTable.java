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
 * The SQL of the {@code colony_ledger} table and of {@code colony_ledger_lock}, whose one row
 * appenders lock in turn. Thread-safe: it holds no state but the data source, and each call borrows
 * a connection and returns it.
 */
final class LedgerTable {
  /** SQLSTATE of a unique or primary key violation, on PostgreSQL and H2 alike. */
  static final String DUPLICATE_KEY = "23505";

  /** SQLSTATE of H2's lock timeout (by default a transaction waits one second for a lock). */
  private static final String LOCK_TIMEOUT_H2 = "HYT00";

  /** SQLSTATE of PostgreSQL's {@code lock_not_available} (a {@code lock_timeout} ran out). */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK = "40P01";

  private static final String LOCK = "SELECT id FROM colony_ledger_lock WHERE id = 1 FOR UPDATE";

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

  /**
   * Inserts rows in one transaction, without the append lock: all of them or, if it throws, none.
   * Positions are the primary key, so if another writer stored any of them first this fails with
   * {@link #DUPLICATE_KEY} (on PostgreSQL after waiting for that writer's transaction to end).
   */
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

  /**
   * One append transaction, as the ledger takes part in it: it is shown the rows other writers
   * committed after its head, then asked for its own.
   */
  interface Append {
    /** Takes the next row another writer appended after the caller's head, in seq order. */
    void newer(Row row);

    /** The rows to insert after the newer ones; empty to insert nothing. */
    List<Row> rows();
  }

  /**
   * Appends under the database's append lock, so that appenders that use it take turns: locks the
   * one row of {@code colony_ledger_lock} (waiting while another transaction holds it), streams the
   * rows after position {@code after} to {@link Append#newer}, inserts {@link Append#rows} and
   * commits. All of it or, if it throws, none.
   */
  void append(long after, Append append) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        lock(connection);
        newer(connection, after, append::newer);
        var rows = append.rows();
        if (!rows.isEmpty()) {
          try (var statement = connection.prepareStatement(INSERT)) {
            for (var row : rows) {
              bind(statement, row);
              statement.addBatch();
            }
            statement.executeBatch();
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    }
  }

  private static void lock(Connection connection) throws SQLException {
    try (var statement = connection.prepareStatement(LOCK);
        var rows = statement.executeQuery()) {
      if (!rows.next()) {
        throw new SQLException(
            "the row of colony_ledger_lock that serializes appenders is missing; restore it with"
                + " INSERT INTO colony_ledger_lock (id) VALUES (1)");
      }
    }
  }

  private static void newer(Connection connection, long after, Consumer<Row> visitor)
      throws SQLException {
    try (var statement =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM colony_ledger WHERE seq > ? ORDER BY seq",
            ResultSet.TYPE_FORWARD_ONLY,
            ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(FETCH_SIZE);
      statement.setLong(1, after);
      try (var rows = statement.executeQuery()) {
        while (rows.next()) {
          visitor.accept(row(rows));
        }
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
   * Whether the table holds exactly these rows: a write that reported failure may have been
   * committed all the same (a connection lost after the commit reached the database), and other
   * writers may have appended after it since. A failure to find out is added to {@code failure}.
   */
  boolean holds(List<Row> rows, Exception failure) {
    var ours = rows.getLast();
    try (var connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM colony_ledger WHERE seq = ?")) {
      statement.setLong(1, ours.seq());
      try (var found = statement.executeQuery()) {
        if (!found.next()) {
          return false;
        }
        var stored = row(found);
        return stored.chainHash().equals(ours.chainHash()) && stored.entry().equals(ours.entry());
      }
    } catch (SQLException | RuntimeException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  /**
   * Whether a failure is the database's lock wait running out or a conflict with another
   * transaction, which trying again may overcome.
   */
  static boolean busy(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        switch (sql.getSQLState()) {
          case LOCK_TIMEOUT_H2,
              LOCK_NOT_AVAILABLE,
              SERIALIZATION_FAILURE,
              DEADLOCK,
              DUPLICATE_KEY -> {
            return true;
          }
          default -> {}
        }
      }
    }
    return false;
  }

  /** The failure to report for rows that could not be inserted. */
  static LedgerFailure appendFailure(long first, long last, Exception e) {
    var range = first >= last ? "entry " + first : "entries " + first + ".." + last;
    if (e instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
      return new LedgerFailure(
          "could not append "
              + range
              + " to the audit ledger: other rows kept taking those positions first (other"
              + " writers appending faster than this one could take its turn, or rows inserted"
              + " behind the ledger's back). Run `colony audit verify`.",
          e);
    }
    return new LedgerFailure(
        "could not append " + range + " to the audit ledger: " + e.getMessage(), e);
  }

  /** Every row, in seq order, streamed. */
  void scan(Consumer<Row> visitor) throws SQLException {
    scanAfter(0, visitor);
  }

  /**
   * The rows after position {@code after}, in seq order, streamed, without the append lock: what
   * other writers had committed when the query started (they commit one after another, so that is
   * always a run of positions without gaps).
   */
  void scanAfter(long after, Consumer<Row> visitor) throws SQLException {
    try (var connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      // PostgreSQL streams with a cursor only inside a transaction.
      connection.setAutoCommit(false);
      try {
        newer(connection, after, visitor);
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
