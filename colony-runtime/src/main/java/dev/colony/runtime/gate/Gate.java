package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.store.ApprovalStore;
import dev.colony.core.store.EffectStore;
import dev.colony.core.telemetry.Telemetry;
import dev.colony.core.tool.ToolHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The single enforcement point every tool call passes: a chain of interceptors ending with the
 * tool.
 *
 * <p>Immutable and thread-safe; calls pass concurrently. The runtime's chain is {@link #standard}.
 */
public final class Gate {
  private final List<GateInterceptor> interceptors;
  private final GateInterceptor.Chain tool;

  public Gate(List<GateInterceptor> interceptors, GateInterceptor.Chain tool) {
    this.interceptors = List.copyOf(interceptors);
    this.tool = Objects.requireNonNull(tool, "tool");
  }

  /**
   * The Gate as the runtime composes it: telemetry, audit (if configured), unknown tools, schema,
   * budget, rate limit (if configured), policy and approval, the configured interceptors, circuit
   * breaker, effect records, the audit intent of a writing call (if audit is configured), then the
   * tool.
   *
   * @param tools the handlers by name; a request's spec names the one to run
   */
  public static Gate standard(
      GateConfig config,
      Map<String, ToolHandler> tools,
      ApprovalStore approvals,
      EffectStore effects,
      Telemetry telemetry,
      Clock clock,
      Supplier<UUID> ids) {
    return standard(config, tools, approvals, effects, telemetry, clock, ids, null);
  }

  /** {@link #standard}, with the quotas interceptor the runtime also uses before model turns. */
  public static Gate standard(
      GateConfig config,
      Map<String, ToolHandler> tools,
      ApprovalStore approvals,
      EffectStore effects,
      Telemetry telemetry,
      Clock clock,
      Supplier<UUID> ids,
      Quotas quotas) {
    var chain = new ArrayList<GateInterceptor>();
    chain.add(new ToolSpans(telemetry));
    if (config.audit() != null) {
      chain.add(new AuditGuard(config.audit()));
    }
    chain.add(new UnknownToolGuard());
    chain.add(new SchemaGuard());
    chain.add(new BudgetGuard(clock));
    if (quotas != null) {
      chain.add(quotas);
    }
    if (!config.rateLimits().isEmpty() || config.defaultRateLimit() != null) {
      chain.add(new RateLimitGuard(config.rateLimits(), config.defaultRateLimit(), clock));
    }
    chain.add(
        new PolicyGuard(
            config.policy(tools.values().stream().map(ToolHandler::spec).toList()),
            new ApprovalDesk(
                approvals, config.approvalTokens(), clock, ids, config.approvalRequestLimit())));
    chain.addAll(config.interceptors());
    chain.add(new BreakerGuard(config.breaker()));
    chain.add(new EffectGuard(effects, clock));
    if (config.audit() != null) {
      // Last, so that only a call about to run is intended: not one denied, waiting or replayed.
      chain.add(new IntentGuard(config.audit()));
    }
    return new Gate(chain, new ToolInvoker(Map.copyOf(tools)));
  }

  /** Passes one call through every interceptor and, if none stops it, runs the tool. */
  public GateOutcome pass(GateRequest request) {
    return proceed(0, request);
  }

  private GateOutcome proceed(int index, GateRequest request) {
    if (index == interceptors.size()) {
      return tool.proceed(request);
    }
    return interceptors.get(index).intercept(request, next -> proceed(index + 1, next));
  }
}
