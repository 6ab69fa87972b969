package dev.colony.runtime.gate;

import dev.colony.core.gate.AuditSink;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.PolicyEngine;
import dev.colony.core.identity.ApprovalTokens;
import dev.colony.core.store.UsageStore;
import dev.colony.core.tool.ToolSpec;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the runtime's Gate is made of, set through {@code AgentRuntime.builder().gate(config ->
 * ...)}.
 *
 * <p>Seams: {@link #policy} (the governance module installs Cedar here), {@link #audit} (the audit
 * ledger), and {@link #interceptor} for anything else (identity checks), which runs after policy
 * and approval and before the circuit breaker.
 */
public final class GateConfig {
  private Function<Collection<ToolSpec>, PolicyEngine> policyFactory =
      tools -> TierPolicy.standard();
  private AuditSink audit;
  private final List<GateInterceptor> extra = new ArrayList<>();
  private CircuitBreakerConfig breaker = BreakerGuard.defaults();
  private ApprovalTokens approvalTokens;
  private final Map<String, RateLimitGuard.Limit> rateLimits = new HashMap<>();
  private RateLimitGuard.Limit defaultRateLimit;
  private UsageStore usage;
  private final List<Quota> quotas = new ArrayList<>();
  private Duration approvalLifetime = Duration.ofMinutes(15);
  private RateLimitGuard.Limit approvalRequestLimit =
      new RateLimitGuard.Limit(60, Duration.ofHours(1));
  private RateLimitGuard.Limit approvalVoteLimit =
      new RateLimitGuard.Limit(60, Duration.ofHours(1));

  public GateConfig policy(PolicyEngine engine) {
    Objects.requireNonNull(engine, "policy");
    this.policyFactory = tools -> engine;
    return this;
  }

  /**
   * A policy engine built from every tool the Gate will see (registered tools and agents as tools),
   * for engines that compile a schema of them, such as Cedar.
   */
  public GateConfig policyFrom(Function<Collection<ToolSpec>, PolicyEngine> factory) {
    this.policyFactory = Objects.requireNonNull(factory, "policy factory");
    return this;
  }

  public GateConfig audit(AuditSink sink) {
    this.audit = Objects.requireNonNull(sink, "audit");
    return this;
  }

  public GateConfig interceptor(GateInterceptor interceptor) {
    extra.add(Objects.requireNonNull(interceptor, "interceptor"));
    return this;
  }

  public GateConfig breaker(CircuitBreakerConfig config) {
    this.breaker = Objects.requireNonNull(config, "breaker");
    return this;
  }

  /**
   * Signs every approval as a token bound to the call, and refuses to run an approved call whose
   * tokens do not verify. Without it, approvals are unsigned rows.
   */
  public GateConfig approvalTokens(ApprovalTokens tokens) {
    this.approvalTokens = Objects.requireNonNull(tokens, "approvalTokens");
    return this;
  }

  /** How long an approval token stays valid (default 15 minutes). */
  public GateConfig approvalLifetime(Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("approval lifetime must be positive, got " + lifetime);
    }
    this.approvalLifetime = lifetime;
    return this;
  }

  /**
   * Limits how many approval requests the runs of one requester (the principal who started them)
   * may open in a tenant: past it, a call that needs approval is denied instead of asking people
   * again, so an agent led astray cannot flood approvers. Per node; default 60 an hour.
   */
  public GateConfig approvalRequestLimit(int requests, Duration period) {
    this.approvalRequestLimit = new RateLimitGuard.Limit(requests, period);
    return this;
  }

  /**
   * Limits how many approvals one approver may decide in a tenant: past it, a vote is refused and
   * the approval stays as it was, so a script or a stolen approver's token cannot approve in bulk.
   * Per node; default 60 an hour.
   */
  public GateConfig approvalVoteLimit(int votes, Duration period) {
    this.approvalVoteLimit = new RateLimitGuard.Limit(votes, period);
    return this;
  }

  public RateLimitGuard.Limit approvalRequestLimit() {
    return approvalRequestLimit;
  }

  public RateLimitGuard.Limit approvalVoteLimit() {
    return approvalVoteLimit;
  }

  /** Limits how fast one agent may call tools (per node). */
  public GateConfig rateLimit(String agent, int calls, Duration period) {
    rateLimits.put(Objects.requireNonNull(agent, "agent"), new RateLimitGuard.Limit(calls, period));
    return this;
  }

  /** Limits how fast every agent without its own limit may call tools (per node). */
  public GateConfig rateLimit(int calls, Duration period) {
    this.defaultRateLimit = new RateLimitGuard.Limit(calls, period);
    return this;
  }

  /**
   * Budgets that span runs, kept in the usage store: checked before each model turn and tool call.
   */
  public GateConfig quotas(UsageStore store, Quota... limits) {
    this.usage = Objects.requireNonNull(store, "usage store");
    quotas.addAll(List.of(limits));
    return this;
  }

  public UsageStore usage() {
    return usage;
  }

  public List<Quota> quotas() {
    return List.copyOf(quotas);
  }

  public Map<String, RateLimitGuard.Limit> rateLimits() {
    return Map.copyOf(rateLimits);
  }

  public RateLimitGuard.Limit defaultRateLimit() {
    return defaultRateLimit;
  }

  public ApprovalTokens approvalTokens() {
    return approvalTokens;
  }

  public Duration approvalLifetime() {
    return approvalLifetime;
  }

  /** The policy engine for these tools. */
  public PolicyEngine policy(Collection<ToolSpec> tools) {
    return policyFactory.apply(tools);
  }

  public AuditSink audit() {
    return audit;
  }

  public List<GateInterceptor> interceptors() {
    return List.copyOf(extra);
  }

  public CircuitBreakerConfig breaker() {
    return breaker;
  }
}
