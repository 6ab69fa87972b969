package dev.colony.bench;

import static dev.colony.bench.BenchTools.READ;
import static dev.colony.bench.BenchTools.WRITE_LOW;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colony.audit.Ledger;
import dev.colony.audit.LedgerConfig;
import dev.colony.audit.LedgerEntry;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures appends per second to the audit {@link Ledger}, on H2 and on PostgreSQL.
 *
 * <p>Each case opens a ledger on a fresh database (an H2 file database in a temporary directory, or
 * a new schema in the PostgreSQL at {@code 127.0.0.1:5432}, database {@code test}, user {@code
 * postgres}), with the configuration a node uses: {@code LedgerConfig.builder(dataDir).build()}, so
 * a signed checkpoint every 100 entries or 10 seconds, written to a file that is forced to disk.
 * The pool is HikariCP with 8 connections, as {@code colony-store} opens it. T virtual threads then
 * append as fast as they can, first for a warm-up that is not counted, then for the measured time;
 * each append is timed on its own. The entries are what the runtime records for a Gate outcome
 * ({@link LedgerEntry#of}), built before the clock starts.
 *
 * <p>After each case the harness verifies the whole ledger ({@link Ledger#verify()}), and exits
 * with an error unless it verifies and holds exactly the entries appended, so the figure is about
 * what it claims. The database and the data directory are removed afterwards.
 *
 * <p>Arguments: {@code h2}, {@code postgresql} or {@code all} (the default); {@code --threads
 * 1,8,32}; {@code --seconds 8}, the measured time per case; {@code --warmup 2}, in seconds; {@code
 * --checkpoint-every 100}, to see what checkpoints cost (100 is the default a node uses); {@code
 * -Dcolony.bench.postgres.url=...} points at another PostgreSQL.
 */
public final class LedgerAppends {
  private static final String POSTGRES =
      System.getProperty(
          "colony.bench.postgres.url",
          "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=5");
  private static final String H2_SETTINGS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  private static final int POOL_SIZE = 8;
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  /** Entries each appending thread cycles through; built before the clock starts. */
  private static final int ENTRIES_PER_THREAD = 1_024;

  private LedgerAppends() {}

  /** Runs the cases the arguments name; see the class comment. */
  public static void main(String[] args) throws Exception {
    // The ledger and the pool log each open at INFO; keep the report readable unless asked.
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    var backends = new ArrayList<String>();
    int[] threads = {1, 8, 32};
    double seconds = 8;
    double warmup = 2;
    int checkpointEvery = 100;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "h2", "postgresql" -> backends.add(args[i]);
        case "all" -> backends.addAll(List.of("h2", "postgresql"));
        case "--threads" ->
            threads =
                Arrays.stream(value(args, ++i).split(",")).mapToInt(Integer::parseInt).toArray();
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--warmup" -> warmup = Double.parseDouble(value(args, ++i));
        case "--checkpoint-every" -> checkpointEvery = Integer.parseInt(value(args, ++i));
        default ->
            throw new IllegalArgumentException(
                "unknown argument '"
                    + args[i]
                    + "'; expected h2, postgresql, all, --threads, --seconds, --warmup or"
                    + " --checkpoint-every");
      }
    }
    if (backends.isEmpty()) {
      backends.addAll(List.of("h2", "postgresql"));
    }
    var out = System.out;
    out.printf(
        Locale.ROOT,
        "%-10s %7s %9s %8s %10s %9s %9s %9s %6s  %s%n",
        "database",
        "threads",
        "appended",
        "seconds",
        "appends/s",
        "p50 µs",
        "p99 µs",
        "max µs",
        "ckpts",
        "verified");
    for (var backend : backends) {
      for (int count : threads) {
        var result = run(backend, count, seconds, warmup, checkpointEvery);
        out.printf(
            Locale.ROOT,
            "%-10s %7d %,9d %8.2f %,10.0f %,9.0f %,9.0f %,9.0f %6d  %s%n",
            backend,
            count,
            result.appended(),
            result.seconds(),
            result.appended() / result.seconds(),
            result.percentile(0.50),
            result.percentile(0.99),
            result.percentile(1.0),
            result.checkpoints(),
            result.verified());
      }
    }
    out.printf(
        Locale.ROOT,
        "JVM %s %s; %d processors; %.0f s measured per case after %.0f s of warm-up;"
            + " a checkpoint every %d entries or 10 s%n",
        System.getProperty("java.vm.name"),
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        seconds,
        warmup,
        checkpointEvery);
  }

  /** What one case measured; latencies in nanoseconds, sorted. */
  private record Result(
      long appended, double seconds, long[] latencies, long checkpoints, String verified) {
    double percentile(double p) {
      int index = (int) Math.ceil(p * latencies.length) - 1;
      return latencies[Math.clamp(index, 0, latencies.length - 1)] / 1_000.0;
    }
  }

  private static Result run(
      String backend, int threads, double seconds, double warmup, int checkpointEvery)
      throws Exception {
    try (var database = "h2".equals(backend) ? Database.h2() : Database.postgresql()) {
      var dataDir = Files.createTempDirectory("colony-bench-ledger-");
      try {
        var config = LedgerConfig.builder(dataDir).checkpointEvery(checkpointEvery).build();
        var ledger = Ledger.open(database.pool, config);
        long warmedUp;
        Timed measured;
        try {
          warmedUp = append(ledger, threads, warmup).appended();
          measured = append(ledger, threads, seconds);
        } catch (RuntimeException e) {
          ledger.close();
          throw e;
        }
        long expected = warmedUp + measured.appended();
        long started = System.nanoTime();
        var report = ledger.verify();
        double verifySeconds = (System.nanoTime() - started) / 1e9;
        long size = ledger.size();
        ledger.close();
        long checkpoints = config.checkpoints().readAll().size();
        if (!report.ok() || report.entriesChecked() != expected || size != expected) {
          throw new IllegalStateException(
              backend
                  + ", "
                  + threads
                  + " threads: expected a verified ledger of "
                  + expected
                  + " entries, the ledger says "
                  + size
                  + " and verification "
                  + report.summary());
        }
        var verified =
            String.format(
                Locale.ROOT,
                "%,d entries (%,d warm-up) in %.1f s",
                report.entriesChecked(),
                warmedUp,
                verifySeconds);
        return new Result(
            measured.appended(), measured.seconds(), measured.latencies(), checkpoints, verified);
      } finally {
        delete(dataDir);
      }
    }
  }

  /** Appends and per-append latencies of one timed phase. */
  private record Timed(long appended, double seconds, long[] latencies) {}

  /** {@code threads} virtual threads append until {@code seconds} have passed. */
  private static Timed append(Ledger ledger, int threads, double seconds)
      throws InterruptedException {
    var entries = new LedgerEntry[threads][];
    for (int t = 0; t < threads; t++) {
      entries[t] = entries(t);
    }
    var latencies = new long[threads][];
    var counts = new int[threads];
    var failure = new AtomicReference<Throwable>();
    var start = new CountDownLatch(1);
    var workers = new ArrayList<Thread>();
    long duration = (long) (seconds * 1e9);
    long[] began = new long[1];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      workers.add(
          Thread.ofVirtual()
              .name("appender-" + t)
              .start(
                  () -> {
                    var mine = entries[thread];
                    var times = new long[4_096];
                    int n = 0;
                    try {
                      start.await();
                      long deadline = began[0] + duration;
                      long now = System.nanoTime();
                      while (now < deadline) {
                        ledger.append(mine[n % mine.length]);
                        long after = System.nanoTime();
                        if (n == times.length) {
                          times = Arrays.copyOf(times, n * 2);
                        }
                        times[n++] = after - now;
                        now = after;
                      }
                    } catch (Throwable e) {
                      failure.compareAndSet(null, e);
                    }
                    latencies[thread] = Arrays.copyOf(times, n);
                    counts[thread] = n;
                  }));
    }
    began[0] = System.nanoTime();
    start.countDown();
    for (var worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - began[0]) / 1e9;
    if (failure.get() != null) {
      throw new IllegalStateException("an append failed: " + failure.get(), failure.get());
    }
    long appended = Arrays.stream(counts).asLongStream().sum();
    var all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    return new Timed(appended, elapsed, all);
  }

  /**
   * What the runtime records for Gate outcomes of one appending thread: executed READ and WRITE_LOW
   * calls, four per run, each with its own arguments, result, trace and span.
   */
  private static LedgerEntry[] entries(int thread) {
    var random = ThreadLocalRandom.current();
    var tenant = TenantId.of("acme");
    var read = BenchTools.annotated(READ).spec();
    var writeLow = BenchTools.annotated(WRITE_LOW).spec();
    var budget = new GateRequest.Budgeting(Budget.DEFAULT, 0, Instant.now());
    var entries = new LedgerEntry[ENTRIES_PER_THREAD];
    RunId run = null;
    for (int i = 0; i < entries.length; i++) {
      if (i % 4 == 0) {
        run = RunId.random(UUID.randomUUID());
      }
      var trace =
          new TraceContext(
              String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong()),
              String.format(Locale.ROOT, "%016x", random.nextLong()));
      var envelope =
          Envelope.of(tenant, Principal.user("rep-" + thread), Set.of("orders:read"))
              .delegateTo(Principal.agent("support"), Set.of("orders:read"))
              .withTrace(trace);
      int order = 100_000 + random.nextInt(900_000);
      ToolSpec spec = i % 2 == 0 ? read : writeLow;
      var call =
          spec.tier() == RiskTier.READ
              ? new ToolCall("c" + i, READ, "{\"order_id\":\"" + order + "\"}")
              : new ToolCall(
                  "c" + i,
                  WRITE_LOW,
                  "{\"sku\":\"LAMP-" + (i % 97) + "\",\"cost\":" + (i % 50) + ".5}");
      var result =
          ToolResult.success(
              call, "{\"id\":\"" + order + "\",\"status\":\"shipped\",\"items\":[\"lamp\"]}");
      var decision =
          new Decision.Allow(
              spec.tier() == RiskTier.READ
                  ? "READ tools run without approval"
                  : "WRITE_LOW within its limits",
              List.of("tier:" + spec.tier().name().toLowerCase(Locale.ROOT)));
      var request =
          new GateRequest(
              envelope, run, "support", call, spec, run.value() + "/" + call.id(), budget);
      entries[i] = LedgerEntry.of(request, new GateOutcome.Executed(result, decision, false));
    }
    return entries;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException("'" + args[i - 1] + "' needs a value");
    }
    return args[i];
  }

  private static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, empty database and a pool on it; closing removes both. */
  private record Database(HikariDataSource pool, Runnable cleanUp) implements AutoCloseable {
    static Database h2() throws IOException {
      var dir = Files.createTempDirectory("colony-bench-h2-");
      var pool = pool("jdbc:h2:file:" + dir.resolve("bench") + H2_SETTINGS);
      return new Database(pool, () -> delete(dir));
    }

    static Database postgresql() {
      var schema = "colony_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      sql("CREATE SCHEMA " + schema);
      var pool = pool(POSTGRES + "&currentSchema=" + schema);
      return new Database(pool, () -> sql("DROP SCHEMA " + schema + " CASCADE"));
    }

    private static HikariDataSource pool(String url) {
      var config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setMaximumPoolSize(POOL_SIZE);
      config.setPoolName("colony-bench");
      return new HikariDataSource(config);
    }

    private static void sql(String statement) {
      try (var connection = DriverManager.getConnection(POSTGRES);
          var jdbc = connection.createStatement()) {
        jdbc.execute(statement);
      } catch (SQLException e) {
        throw new IllegalStateException(
            "PostgreSQL at " + POSTGRES + ": '" + statement + "' failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        pool.close();
      } finally {
        cleanUp.run();
      }
    }
  }
}
