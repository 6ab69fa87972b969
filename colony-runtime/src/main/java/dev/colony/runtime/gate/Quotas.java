package dev.colony.runtime.gate;

import dev.colony.core.TenantId;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.store.UsageStore;
import dev.colony.core.store.UsageTotals;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Budgets that span runs: checks quotas before each tool call (as a Gate interceptor) and before
 * each model turn (for the runtime), and records what was used. Thread-safe; totals live in the
 * {@link UsageStore}.
 */
public final class Quotas implements GateInterceptor {
  private final UsageStore usage;
  private final List<Quota> quotas;
  private final Clock clock;

  public Quotas(UsageStore usage, List<Quota> quotas, Clock clock) {
    this.usage = usage;
    this.quotas = List.copyOf(quotas);
    this.clock = clock;
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var tenant = request.envelope().tenant();
    for (var quota : quotas) {
      if (!quota.covers(request.agent())) {
        continue;
      }
      var used = usedUnder(tenant, quota);
      var busy = busyOver(used, quota);
      if (busy != null) {
        return Rejections.reject("budget", busy);
      }
      if (used.toolCalls() >= quota.maxToolCalls()) {
        return Rejections.reject(
            "budget",
            quota.scope()
                + " budget of "
                + quota.maxToolCalls()
                + " tool calls per "
                + quota.window()
                + " is used up ("
                + used.toolCalls()
                + " used)");
      }
    }
    var started = clock.millis();
    var outcome = next.proceed(request);
    if (outcome instanceof GateOutcome.Executed e && !e.replayed()) {
      var millis = Math.max(0, clock.millis() - started);
      usage.add(tenant, request.agent(), clock.instant(), new UsageTotals(0, 0, 1, millis));
    }
    return outcome;
  }

  /** Why a model turn of this agent may not start, or {@code null}. */
  public String beforeModelTurn(TenantId tenant, String agent) {
    for (var quota : quotas) {
      if (!quota.covers(agent)) {
        continue;
      }
      var used = usedUnder(tenant, quota);
      var busy = busyOver(used, quota);
      if (busy != null) {
        return busy;
      }
      if (used.tokens() >= quota.maxTokens()) {
        return quota.scope()
            + " budget of "
            + quota.maxTokens()
            + " tokens per "
            + quota.window()
            + " is used up ("
            + used.tokens()
            + " used)";
      }
      if (used.costMicros() >= quota.maxCostMicros()) {
        return quota.scope()
            + " budget of "
            + quota.maxCostMicros()
            + " cost micros per "
            + quota.window()
            + " is used up ("
            + used.costMicros()
            + " used)";
      }
    }
    return null;
  }

  /** Records a model turn's tokens, cost and the wall time it took. */
  public void afterModelTurn(
      TenantId tenant, String agent, long tokens, long costMicros, long millis) {
    usage.add(tenant, agent, clock.instant(), new UsageTotals(tokens, costMicros, 0, millis));
  }

  /** Why the quota's wall time is used up, or {@code null}. */
  private static String busyOver(UsageTotals used, Quota quota) {
    if (used.busyMillis() < quota.maxBusyTime().toMillis()) {
      return null;
    }
    return quota.scope()
        + " budget of "
        + quota.maxBusyTime()
        + " of wall time per "
        + quota.window()
        + " is used up ("
        + Duration.ofMillis(used.busyMillis())
        + " used)";
  }

  private UsageTotals usedUnder(TenantId tenant, Quota quota) {
    return usage.since(tenant, quota.agent(), clock.instant().minus(quota.window()));
  }
}
