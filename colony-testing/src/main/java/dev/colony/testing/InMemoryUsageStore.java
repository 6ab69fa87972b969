package dev.colony.testing;

import dev.colony.core.TenantId;
import dev.colony.core.store.UsageStore;
import dev.colony.core.store.UsageTotals;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/** Hourly usage in memory, with the JDBC store's rules. Thread-safe: methods synchronize. */
public final class InMemoryUsageStore implements UsageStore {
  private record Key(TenantId tenant, String agent, Instant hour) {}

  private final Map<Key, UsageTotals> hours = new HashMap<>();

  @Override
  public synchronized void add(TenantId tenant, String agent, Instant at, UsageTotals usage) {
    hours.merge(new Key(tenant, agent, at.truncatedTo(ChronoUnit.HOURS)), usage, UsageTotals::plus);
  }

  @Override
  public synchronized UsageTotals since(TenantId tenant, String agent, Instant since) {
    var from = since.truncatedTo(ChronoUnit.HOURS);
    return hours.entrySet().stream()
        .filter(e -> e.getKey().tenant().equals(tenant))
        .filter(e -> agent == null || e.getKey().agent().equals(agent))
        .filter(e -> !e.getKey().hour().isBefore(from))
        .map(Map.Entry::getValue)
        .reduce(UsageTotals.ZERO, UsageTotals::plus);
  }
}
