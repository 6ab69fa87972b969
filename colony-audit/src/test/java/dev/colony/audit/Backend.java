package dev.colony.audit;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Where a contract suite's database lives: a fresh one per test, removed after. */
interface Backend extends AutoCloseable {
  /** Opens a fresh, empty database, or aborts the test (an assumption) with the reason. */
  DataSource open();

  /**
   * Another pool on the database {@link #open} opened, as a second process would open it; closed
   * with the backend.
   */
  DataSource another();

  /** The JDBC URL a process other than this one opens the database with. */
  String urlForAnotherProcess();

  /** Lets the connection change the ledger table, as a superuser tampering with it would. */
  void bypassTriggers(Connection connection) throws SQLException;

  /** Removes what {@link #open} created. */
  @Override
  void close();
}
