package dev.colony.store.internal;

import dev.colony.core.ColonyException;
import dev.colony.core.Conflict;
import dev.colony.core.NotFound;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.store.EffectRecord;
import dev.colony.core.store.EffectStore;
import dev.colony.core.tool.ToolResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link EffectStore} on the {@code colony_effects} table, keyed by tenant and idempotency key.
 * Thread-safe: it keeps no state of its own; every call borrows a pooled connection. {@link #begin}
 * is one {@code INSERT ... ON CONFLICT DO NOTHING} followed by a read, so of any number of
 * concurrent callers for one key exactly one stores its record and all get that record back. {@link
 * #finish} stores a result once; finishing again with the same result is accepted (a replay), with
 * a different one refused.
 */
public final class JdbcEffectStore implements EffectStore {
  private static final String COLUMNS =
      "tenant, effect_key, run_id, tool, arguments_digest, result, started_at";
  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM colony_effects WHERE tenant = ? AND effect_key = ?";

  private final Sql sql;

  /** A store on a database whose schema Colony's migrations have created. */
  public JdbcEffectStore(DataSource dataSource) {
    this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public EffectRecord begin(TenantId tenant, EffectRecord started) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(started, "started");
    var values =
        new Object[] {
          tenant.value(),
          Checks.required("effect.key", started.key(), Checks.KEY),
          started.runId().value(),
          Checks.required("effect.tool", started.tool(), Checks.NAME),
          Checks.required("effect.argumentsDigest", started.argumentsDigest(), Checks.DIGEST),
          started.result() == null
              ? null
              : Checks.text("effect.result", JsonCodec.writeToolResult(started.result()), 0),
          started.startedAt()
        };
    return sql.withConnection(
        "begin effect '" + started.key() + "' in tenant '" + tenant + "'",
        connection -> {
          Sql.update(
              connection,
              "INSERT INTO colony_effects ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
              values);
          return Sql.one(connection, JdbcEffectStore::effect, SELECT, tenant.value(), started.key())
              .orElseThrow(
                  () ->
                      new ColonyException(
                          "effect '"
                              + started.key()
                              + "' was neither inserted nor found; was it deleted meanwhile?"));
        });
  }

  @Override
  public Optional<EffectRecord> find(TenantId tenant, String key) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    return sql.withConnection(
        "find effect '" + key + "' in tenant '" + tenant + "'",
        connection -> Sql.one(connection, JdbcEffectStore::effect, SELECT, tenant.value(), key));
  }

  @Override
  public void finish(TenantId tenant, String key, ToolResult result) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(result, "result");
    var json = Checks.text("result", JsonCodec.writeToolResult(result), 0);
    sql.inTransaction(
        "finish effect '" + key + "' in tenant '" + tenant + "'",
        connection -> {
          int changed =
              Sql.update(
                  connection,
                  "UPDATE colony_effects SET result = ?"
                      + " WHERE tenant = ? AND effect_key = ? AND result IS NULL",
                  json,
                  tenant.value(),
                  key);
          if (changed == 1) {
            return null;
          }
          var stored =
              Sql.one(connection, JdbcEffectStore::effect, SELECT, tenant.value(), key)
                  .orElseThrow(() -> new NotFound("effect", key));
          if (!result.equals(stored.result())) {
            throw new Conflict(
                "effect '"
                    + key
                    + "' already finished with a different result (error="
                    + stored.result().error()
                    + ")");
          }
          return null;
        });
  }

  private static EffectRecord effect(ResultSet row) throws SQLException {
    var key = row.getString("effect_key");
    try {
      var result = row.getString("result");
      return new EffectRecord(
          key,
          RunId.of(row.getString("run_id")),
          row.getString("tool"),
          row.getString("arguments_digest"),
          result == null ? null : JsonCodec.readToolResult(result),
          Sql.instant(row, "started_at"));
    } catch (ColonyException e) {
      throw new ColonyException("effect '" + key + "': " + e.getMessage(), e);
    }
  }
}
