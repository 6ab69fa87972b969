package dev.colony.core.store;

import dev.colony.core.TenantId;
import java.time.Instant;

/**
 * Running totals of what each agent of each tenant used, for budgets that span runs.
 *
 * <p>Usage is kept in hourly buckets per tenant and agent; totals since an instant include the
 * whole bucket that instant falls in. Scoped by tenant like every store; implementations are
 * thread-safe and add atomically.
 */
public interface UsageStore {
  /** Adds usage for an agent of a tenant at an instant. */
  void add(TenantId tenant, String agent, Instant at, UsageTotals usage);

  /**
   * What was used since an instant.
   *
   * @param agent one agent, or {@code null} for the whole tenant
   */
  UsageTotals since(TenantId tenant, String agent, Instant since);
}
