package dev.colony.store;

import dev.colony.core.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * What every store contract shares: one database per test class, from a {@link Backend}, and two
 * fresh tenants per test, so tests never see each other's rows.
 *
 * <p>A backend that is not there (an assumption aborted in {@link Backend#open}) skips every test
 * of the class, each with the backend's reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
  private final Backend backend;
  Database database;
  TenantId tenant;
  TenantId otherTenant;
  private TestAbortedException unavailable;

  StoreContract(Backend backend) {
    this.backend = backend;
  }

  /** What a race of callers ended with: the values returned and the exceptions thrown. */
  record Race<T>(List<T> returned, List<Throwable> thrown) {}

  /** Runs {@code callers} tasks on virtual threads, released at once, and waits for all. */
  static <T> Race<T> race(int callers, IntFunction<Callable<T>> task) throws InterruptedException {
    var start = new CountDownLatch(1);
    var futures = new ArrayList<Future<T>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        var work = task.apply(i);
        futures.add(
            executor.submit(
                () -> {
                  start.await();
                  return work.call();
                }));
      }
      start.countDown();
    }
    var returned = new ArrayList<T>();
    var thrown = new ArrayList<Throwable>();
    for (var future : futures) {
      try {
        returned.add(future.get());
      } catch (ExecutionException e) {
        thrown.add(e.getCause());
      }
    }
    return new Race<>(returned, thrown);
  }

  @BeforeAll
  final void openDatabase() {
    try {
      database = backend.open();
    } catch (TestAbortedException e) {
      unavailable = e;
    }
  }

  @AfterAll
  final void closeDatabase() {
    try {
      if (database != null) {
        database.close();
      }
    } finally {
      backend.close();
    }
  }

  @BeforeEach
  final void freshTenants() {
    if (unavailable != null) {
      Assumptions.abort(unavailable.getMessage());
    }
    tenant = Fixtures.newTenant();
    otherTenant = Fixtures.newTenant();
  }
}
