package dev.colony.store.internal;

import dev.colony.core.ColonyException;
import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.RunStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link RunStore} on the {@code colony_runs} and {@code colony_checkpoints} tables. Thread-safe:
 * it keeps no state of its own; every call borrows a pooled connection, and concurrent writers of
 * one run are serialized by the version check in the {@code UPDATE}. Instants are stored to the
 * microsecond; the records it returns carry the stored values. When a parent call started more than
 * one child run, {@link #findChild} returns the newest.
 */
public final class JdbcRunStore implements RunStore {
  private static final String COLUMNS =
      "tenant, id, agent, envelope, parent_id, parent_call_id, status, input, output, error,"
          + " waiting_on, created_at, updated_at, version";
  private static final String INSERT_RUN =
      "INSERT INTO colony_runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String UPDATE_HEAD =
      "UPDATE colony_runs SET agent = ?, envelope = ?, parent_id = ?, parent_call_id = ?,"
          + " status = ?, input = ?, output = ?, error = ?, waiting_on = ?, created_at = ?,"
          + " updated_at = ?, version = ? WHERE tenant = ? AND id = ? AND version = ?";
  private static final String INSERT_CHECKPOINT =
      "INSERT INTO colony_checkpoints (tenant, run_id, seq, messages, counters, taken_at)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String SELECT_RUN =
      "SELECT " + COLUMNS + " FROM colony_runs WHERE tenant = ? AND id = ?";
  private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT ?";

  private final Sql sql;

  /** A store on a database whose schema Colony's migrations have created. */
  public JdbcRunStore(DataSource dataSource) {
    this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public RunRecord create(RunRecord run, Checkpoint initial) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(initial, "initial");
    if (run.version() != 0) {
      throw new InvalidInput("run.version", "must be 0 for a new run, got " + run.version());
    }
    checkBelongs(run, initial);
    if (initial.sequence() != 0) {
      throw new InvalidInput(
          "checkpoint.sequence",
          "must be 0 for a run's initial checkpoint, got " + initial.sequence());
    }
    var stored = stored(run, 0);
    var head = head(stored);
    var checkpoint = checkpointRow(run.tenant(), initial);
    return sql.inTransaction(
        "create run '" + run.id() + "' in tenant '" + run.tenant() + "'",
        connection -> {
          try {
            Sql.update(connection, INSERT_RUN, Sql.join(key(run), head));
          } catch (SQLException e) {
            if (Sql.isUniqueViolation(e)) {
              throw new Conflict(
                  "run '" + run.id() + "' already exists in tenant '" + run.tenant() + "'");
            }
            throw e;
          }
          Sql.update(connection, INSERT_CHECKPOINT, checkpoint);
          return stored;
        });
  }

  @Override
  public Optional<RunRecord> find(TenantId tenant, RunId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return sql.withConnection(
        "find run '" + id + "' in tenant '" + tenant + "'",
        connection ->
            Sql.one(connection, JdbcRunStore::run, SELECT_RUN, tenant.value(), id.value()));
  }

  @Override
  public RunRecord update(RunRecord run) {
    Objects.requireNonNull(run, "run");
    var next = stored(run, run.version() + 1);
    var head = head(next);
    return sql.inTransaction(
        "update run '" + run.id() + "' in tenant '" + run.tenant() + "'",
        connection -> {
          writeHead(connection, run, head);
          return next;
        });
  }

  @Override
  public RunRecord checkpoint(RunRecord run, Checkpoint checkpoint) {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(checkpoint, "checkpoint");
    checkBelongs(run, checkpoint);
    var next = stored(run, run.version() + 1);
    var head = head(next);
    var row = checkpointRow(run.tenant(), checkpoint);
    return sql.inTransaction(
        "checkpoint run '" + run.id() + "' in tenant '" + run.tenant() + "'",
        connection -> {
          writeHead(connection, run, head);
          int latest =
              Sql.one(
                      connection,
                      rows -> {
                        int max = rows.getInt(1);
                        return rows.wasNull() ? -1 : max;
                      },
                      "SELECT MAX(seq) FROM colony_checkpoints WHERE tenant = ? AND run_id = ?",
                      run.tenant().value(),
                      run.id().value())
                  .orElse(-1);
          if (checkpoint.sequence() != latest + 1) {
            throw new Conflict(
                "checkpoint "
                    + checkpoint.sequence()
                    + " of run '"
                    + run.id()
                    + "' does not follow the latest stored checkpoint "
                    + latest
                    + "; it must be "
                    + (latest + 1));
          }
          Sql.update(connection, INSERT_CHECKPOINT, row);
          return next;
        });
  }

  @Override
  public Optional<Checkpoint> latestCheckpoint(TenantId tenant, RunId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return sql.withConnection(
        "read the latest checkpoint of run '" + id + "' in tenant '" + tenant + "'",
        connection ->
            Sql.one(
                connection,
                JdbcRunStore::checkpoint,
                "SELECT run_id, seq, messages, counters, taken_at FROM colony_checkpoints"
                    + " WHERE tenant = ? AND run_id = ? ORDER BY seq DESC LIMIT 1",
                tenant.value(),
                id.value()));
  }

  @Override
  public Optional<RunRecord> findChild(TenantId tenant, RunId parent, String parentCallId) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(parentCallId, "parentCallId");
    return sql.withConnection(
        "find the child of call '" + parentCallId + "' of run '" + parent + "'",
        connection ->
            Sql.one(
                connection,
                JdbcRunStore::run,
                "SELECT "
                    + COLUMNS
                    + " FROM colony_runs WHERE tenant = ? AND parent_id = ? AND parent_call_id = ?"
                    + NEWEST_FIRST,
                tenant.value(),
                parent.value(),
                parentCallId,
                1));
  }

  @Override
  public List<RunRecord> list(TenantId tenant, RunStatus status, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Checks.limit(limit);
    var select = "SELECT " + COLUMNS + " FROM colony_runs WHERE tenant = ?";
    return sql.withConnection(
        "list runs of tenant '" + tenant + "'",
        connection ->
            status == null
                ? Sql.list(
                    connection, JdbcRunStore::run, select + NEWEST_FIRST, tenant.value(), limit)
                : Sql.list(
                    connection,
                    JdbcRunStore::run,
                    select + " AND status = ?" + NEWEST_FIRST,
                    tenant.value(),
                    status,
                    limit));
  }

  /**
   * Writes the head if the stored version is the one the caller read; otherwise says whether the
   * run is missing (for this tenant) or was changed by another writer.
   */
  private static void writeHead(Connection connection, RunRecord read, Object[] head)
      throws SQLException {
    var params = Sql.join(head, Sql.join(key(read), new Object[] {read.version()}));
    if (Sql.update(connection, UPDATE_HEAD, params) == 1) {
      return;
    }
    var version =
        Sql.one(
            connection,
            rows -> rows.getLong(1),
            "SELECT version FROM colony_runs WHERE tenant = ? AND id = ?",
            read.tenant().value(),
            read.id().value());
    if (version.isEmpty()) {
      throw new NotFound("run", read.id().value());
    }
    throw new Conflict(
        "run '"
            + read.id()
            + "' is at version "
            + version.get()
            + " but the write was based on version "
            + read.version()
            + "; read it again and retry");
  }

  private static void checkBelongs(RunRecord run, Checkpoint checkpoint) {
    if (!checkpoint.runId().equals(run.id())) {
      throw new InvalidInput(
          "checkpoint.runId",
          "must be the run's id '" + run.id() + "', got '" + checkpoint.runId() + "'");
    }
  }

  private static RunRecord stored(RunRecord run, long version) {
    return new RunRecord(
        run.id(),
        run.agent(),
        run.envelope(),
        run.parentId(),
        run.parentCallId(),
        run.status(),
        run.input(),
        run.output(),
        run.error(),
        run.waitingOn(),
        Sql.micros(run.createdAt()),
        Sql.micros(run.updatedAt()),
        version);
  }

  private static Object[] key(RunRecord run) {
    return new Object[] {run.tenant().value(), run.id().value()};
  }

  /** The run's values after its key, in {@link #COLUMNS} order, each checked. */
  private static Object[] head(RunRecord run) {
    return new Object[] {
      Checks.required("run.agent", run.agent(), Checks.NAME),
      Checks.text("run.envelope", JsonCodec.writeEnvelope(run.envelope()), 0),
      run.parentId() == null ? null : run.parentId().value(),
      Checks.text("run.parentCallId", run.parentCallId(), Checks.NAME),
      run.status(),
      Checks.text("run.input", run.input(), 0),
      Checks.text("run.output", run.output(), 0),
      Checks.text("run.error", run.error(), 0),
      Checks.text("run.waitingOn", run.waitingOn(), 0),
      run.createdAt(),
      run.updatedAt(),
      run.version()
    };
  }

  private static Object[] checkpointRow(TenantId tenant, Checkpoint checkpoint) {
    return new Object[] {
      tenant.value(),
      checkpoint.runId().value(),
      checkpoint.sequence(),
      Checks.text("checkpoint.messages", JsonCodec.writeMessages(checkpoint.messages()), 0),
      JsonCodec.writeCounters(checkpoint.counters()),
      checkpoint.at()
    };
  }

  private static RunRecord run(ResultSet row) throws SQLException {
    var id = row.getString("id");
    try {
      var parent = row.getString("parent_id");
      return new RunRecord(
          RunId.of(id),
          row.getString("agent"),
          JsonCodec.readEnvelope(row.getString("envelope")),
          parent == null ? null : RunId.of(parent),
          row.getString("parent_call_id"),
          Sql.enumValue(row, "status", RunStatus.class),
          row.getString("input"),
          row.getString("output"),
          row.getString("error"),
          row.getString("waiting_on"),
          Sql.instant(row, "created_at"),
          Sql.instant(row, "updated_at"),
          row.getLong("version"));
    } catch (ColonyException e) {
      throw new ColonyException(
          "run '" + id + "' of tenant '" + row.getString("tenant") + "': " + e.getMessage(), e);
    }
  }

  private static Checkpoint checkpoint(ResultSet row) throws SQLException {
    var runId = row.getString("run_id");
    int sequence = row.getInt("seq");
    try {
      return new Checkpoint(
          RunId.of(runId),
          sequence,
          JsonCodec.readMessages(row.getString("messages")),
          JsonCodec.readCounters(row.getString("counters")),
          Sql.instant(row, "taken_at"));
    } catch (ColonyException e) {
      throw new ColonyException(
          "checkpoint " + sequence + " of run '" + runId + "': " + e.getMessage(), e);
    }
  }
}
