package dev.colony.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import dev.colony.core.store.ApprovalStore;
import dev.colony.core.store.EffectStore;
import dev.colony.core.store.RunStore;
import dev.colony.core.store.UsageStore;
import dev.colony.store.internal.JdbcApprovalStore;
import dev.colony.store.internal.JdbcEffectStore;
import dev.colony.store.internal.JdbcRunStore;
import dev.colony.store.internal.JdbcUsageStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Colony's database: a connection pool, the schema, and the stores on it. Thread-safe: the stores
 * it hands out may be used by any number of threads at once; they keep no state outside the
 * database. Close it once, when nothing uses its stores any more.
 *
 * <p>The same SQL runs on PostgreSQL ({@code jdbc:postgresql://host:5432/db}, optionally with
 * {@code ?currentSchema=colony}) and on H2 ({@code jdbc:h2:file:/path/colony}, {@code
 * jdbc:h2:mem:name}), which Colony opens in its PostgreSQL compatibility mode: settings {@code
 * MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH} are added to an H2 URL that
 * lacks them, and a URL that sets them otherwise is refused. Opening migrates the schema with
 * Flyway from {@code classpath:db/colony}, recording it in {@code colony_schema_history}.
 *
 * <p>Instants are stored to the microsecond, which is what both databases keep; finer digits are
 * dropped on write, and the records the stores return carry the stored values. Text may not contain
 * U+0000 or unpaired surrogates, which PostgreSQL cannot store; both databases refuse them alike
 * with {@link InvalidInput}.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Colony's own migrations and history table. */
  private static final String LOCATION = "classpath:db/colony";

  private static final String HISTORY = "colony_schema_history";
  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final int POOL_SIZE = 8;

  private final HikariDataSource pool;
  private final String url;
  private final RunStore runStore;
  private final ApprovalStore approvalStore;
  private final EffectStore effectStore;
  private final UsageStore usageStore;

  private Database(HikariDataSource pool, String url) {
    this.pool = pool;
    this.url = url;
    this.runStore = new JdbcRunStore(pool);
    this.approvalStore = new JdbcApprovalStore(pool);
    this.effectStore = new JdbcEffectStore(pool);
    this.usageStore = new JdbcUsageStore(pool);
  }

  /**
   * Opens the database at a JDBC URL, migrating its schema.
   *
   * <p>PostgreSQL credentials may be given as URL parameters ({@code ?user=colony&password=...})
   * or, to keep them out of the URL, with {@link #open(String, String, String)}.
   *
   * @throws InvalidInput if the URL is neither H2 nor PostgreSQL, or sets H2 modes Colony cannot
   *     run in
   * @throws ColonyException if the database cannot be reached or migrated
   */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, null, null);
  }

  /**
   * Opens the database at a JDBC URL as a user, migrating its schema.
   *
   * @param user the user, or {@code null} for the driver's default (or the URL's)
   * @param password the password, or {@code null}
   */
  public static Database open(String jdbcUrl, String user, String password) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    var url = JdbcUrls.prepare(jdbcUrl.strip());
    var config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName("colony-store");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new ColonyException(
          "could not connect to " + JdbcUrls.redact(url) + ": " + rootMessage(e), e);
    }
    var database = new Database(pool, url);
    try {
      database.migrate(LOCATION, HISTORY, true);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return database;
  }

  /**
   * Opens, creating it if needed, the embedded H2 database {@code colony} in a directory (for the
   * embedded default, {@code ./.colony}).
   *
   * <p>The first process to open it serves it to later ones ({@code AUTO_SERVER=TRUE}), so a second
   * process, such as {@code colony approvals approve} while a demo waits, can open the same
   * directory. H2 serves it on a TCP port of this host, open to a client that holds the random key
   * in the database's lock file.
   */
  public static Database embedded(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new ColonyException(
          "could not create the data directory '" + dataDir + "': " + e.getMessage(), e);
    }
    return open(JdbcUrls.embedded(dataDir));
  }

  /**
   * Applies another module's Flyway migrations to this database, with their own history table.
   *
   * <p>For modules that keep their own tables beside Colony's, such as an example's domain data.
   * The first run baselines at version 0, since the schema already holds Colony's tables, so the
   * module's scripts start at {@code V1}.
   *
   * @param location where the scripts are, for example {@code classpath:db/retail}
   * @param historyTable the module's history table, lower-case letters, digits and '_'
   */
  public void migrate(String location, String historyTable) {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(historyTable, "historyTable");
    if (location.isBlank()) {
      throw new InvalidInput("location", "must name where the migrations are, got blank");
    }
    if (!TABLE_NAME.matcher(historyTable).matches()) {
      throw new InvalidInput(
          "historyTable",
          "must be 1 to 63 lower-case letters, digits or '_', starting with a letter or '_', got '"
              + historyTable
              + "'");
    }
    if (historyTable.equals(HISTORY)) {
      throw new InvalidInput(
          "historyTable", "'" + HISTORY + "' records Colony's own schema; choose another");
    }
    migrate(location, historyTable, false);
  }

  private void migrate(String location, String historyTable, boolean colony) {
    try {
      var result =
          Flyway.configure(Database.class.getClassLoader())
              .dataSource(pool)
              .locations(location)
              .table(historyTable)
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
      log.info(
          "{} schema of {} at version {} ({} migrations applied)",
          colony ? "Colony" : location,
          JdbcUrls.redact(url),
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion,
          result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new ColonyException(
          "could not migrate "
              + JdbcUrls.redact(url)
              + " from '"
              + location
              + "' (history table '"
              + historyTable
              + "'): "
              + e.getMessage(),
          e);
    }
  }

  /** Runs and their checkpoints. */
  public RunStore runStore() {
    return runStore;
  }

  /** Approvals, pending and decided. */
  public ApprovalStore approvalStore() {
    return approvalStore;
  }

  /** Tool calls with effects, by idempotency key. */
  public EffectStore effectStore() {
    return effectStore;
  }

  /** Hourly usage per tenant and agent, for budgets that span runs. */
  public UsageStore usageStore() {
    return usageStore;
  }

  /**
   * The pooled data source, for modules that keep their own tables in the same database (see {@link
   * #migrate(String, String)}). Connections borrowed from it must be closed; closing the database
   * closes it.
   */
  public DataSource dataSource() {
    return pool;
  }

  /** Closes the pool; an embedded database is closed once its last connection is. Idempotent. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + JdbcUrls.redact(url) + "]";
  }

  private static String rootMessage(Throwable e) {
    var root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
