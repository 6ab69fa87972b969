package dev.colony.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.colony.core.RunId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * A second process appending to a ledger, for {@link MultiWriterContract}: {@code
 * LedgerWriterProcess JDBC_URL DATA_DIR RUN COUNT}. It opens the ledger, prints {@code ready},
 * waits for a line on its standard input, appends COUNT entries of run RUN from four threads,
 * closes the ledger and prints {@code appended COUNT}. Any failure ends it with status 1.
 */
public final class LedgerWriterProcess {
  static final int THREADS = 4;

  private LedgerWriterProcess() {}

  public static void main(String[] args) throws Exception {
    var pool = new HikariConfig();
    pool.setJdbcUrl(args[0]);
    pool.setMaximumPoolSize(THREADS);
    var run = RunId.of(args[2]);
    int count = Integer.parseInt(args[3]);
    try (var dataSource = new HikariDataSource(pool);
        var ledger =
            Ledger.open(
                dataSource, LedgerConfig.builder(Path.of(args[1])).checkpointEvery(10).build())) {
      System.out.println("ready");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      var failures = new ArrayList<Throwable>();
      var threads = new ArrayList<Thread>();
      for (int t = 0; t < THREADS; t++) {
        int first = t * (count / THREADS);
        threads.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        for (int i = first; i < first + count / THREADS; i++) {
                          ledger.append(Fixtures.entry(Fixtures.TENANT, run, i));
                        }
                      } catch (Throwable e) {
                        synchronized (failures) {
                          failures.add(e);
                        }
                      }
                    }));
      }
      for (var thread : threads) {
        thread.join();
      }
      if (!failures.isEmpty()) {
        failures.getFirst().printStackTrace();
        System.exit(1);
      }
    }
    System.out.println("appended " + count);
  }
}
