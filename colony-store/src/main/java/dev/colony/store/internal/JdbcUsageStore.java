package dev.colony.store.internal;

import dev.colony.core.TenantId;
import dev.colony.core.store.UsageStore;
import dev.colony.core.store.UsageTotals;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link UsageStore} on the {@code colony_usage} table: one row per tenant, agent and hour, added
 * to by an atomic {@code UPDATE ... SET tokens = tokens + ?} (or an insert of the hour's first
 * row), so concurrent adds are all counted. Thread-safe: it keeps no state of its own.
 */
public final class JdbcUsageStore implements UsageStore {
  private static final String ADD =
      "UPDATE colony_usage SET tokens = tokens + ?, cost_micros = cost_micros + ?,"
          + " tool_calls = tool_calls + ?, busy_millis = busy_millis + ? WHERE tenant = ? AND agent = ? AND hour_start = ?";

  private final Sql sql;

  public JdbcUsageStore(DataSource dataSource) {
    this.sql = new Sql(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public void add(TenantId tenant, String agent, Instant at, UsageTotals usage) {
    Objects.requireNonNull(tenant, "tenant");
    Checks.required("agent", agent, Checks.NAME);
    Objects.requireNonNull(usage, "usage");
    var hour = at.truncatedTo(ChronoUnit.HOURS);
    var params =
        new Object[] {
          usage.tokens(),
          usage.costMicros(),
          usage.toolCalls(),
          usage.busyMillis(),
          tenant.value(),
          agent,
          hour
        };
    sql.withConnection(
        "add usage of agent '" + agent + "' in tenant '" + tenant + "'",
        connection -> {
          // Each statement is atomic on its own: add to the hour's row, or create it; if another
          // writer created it first, add to theirs.
          if (Sql.update(connection, ADD, params) == 1) {
            return null;
          }
          try {
            Sql.update(
                connection,
                "INSERT INTO colony_usage (tokens, cost_micros, tool_calls, busy_millis, tenant,"
                    + " agent, hour_start) VALUES (?, ?, ?, ?, ?, ?, ?)",
                params);
          } catch (java.sql.SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
              throw e;
            }
            Sql.update(connection, ADD, params);
          }
          return null;
        });
  }

  @Override
  public UsageTotals since(TenantId tenant, String agent, Instant since) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(since, "since");
    var hour = since.truncatedTo(ChronoUnit.HOURS);
    var select =
        "SELECT COALESCE(SUM(tokens), 0), COALESCE(SUM(cost_micros), 0),"
            + " COALESCE(SUM(tool_calls), 0), COALESCE(SUM(busy_millis), 0) FROM colony_usage WHERE tenant = ? AND hour_start >= ?";
    return sql.withConnection(
        "read usage of tenant '" + tenant + "'",
        connection ->
            (agent == null
                    ? Sql.one(connection, JdbcUsageStore::totals, select, tenant.value(), hour)
                    : Sql.one(
                        connection,
                        JdbcUsageStore::totals,
                        select + " AND agent = ?",
                        tenant.value(),
                        hour,
                        agent))
                .orElse(UsageTotals.ZERO));
  }

  private static UsageTotals totals(java.sql.ResultSet row) throws java.sql.SQLException {
    return new UsageTotals(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
  }
}
