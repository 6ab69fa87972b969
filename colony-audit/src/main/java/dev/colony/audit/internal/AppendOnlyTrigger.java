package dev.colony.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * The H2 trigger that makes {@code colony_ledger} append-only: it fails every UPDATE and DELETE. H2
 * instantiates it by name from the migration {@code db/audit/h2/V2__ledger_append_only.sql}.
 * Stateless.
 */
public final class AppendOnlyTrigger implements Trigger {
  private String operation = "a change";

  @Override
  public void init(
      Connection connection,
      String schemaName,
      String triggerName,
      String tableName,
      boolean before,
      int type) {
    operation =
        switch (type) {
          case UPDATE -> "UPDATE";
          case DELETE -> "DELETE";
          default -> "a change";
        };
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(
        "colony_ledger is append-only: " + operation + " is not allowed", "42501");
  }
}
