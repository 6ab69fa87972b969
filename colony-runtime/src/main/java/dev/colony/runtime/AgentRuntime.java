package dev.colony.runtime;

import dev.colony.core.Conflict;
import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RateLimited;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.approval.ApprovalVote;
import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.ApprovalTokens;
import dev.colony.core.identity.HopSeal;
import dev.colony.core.model.Message;
import dev.colony.core.run.Checkpoint;
import dev.colony.core.run.RunCounters;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunListener;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.store.ApprovalStore;
import dev.colony.core.store.EffectStore;
import dev.colony.core.store.RunStore;
import dev.colony.core.telemetry.Telemetry;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolSpec;
import dev.colony.runtime.gate.Gate;
import dev.colony.runtime.gate.GateConfig;
import dev.colony.runtime.gate.Quotas;
import dev.colony.runtime.gate.RateBuckets;
import dev.colony.runtime.gate.RateLimitGuard;
import dev.colony.runtime.tool.Tools;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs agents: starts durable runs, resumes them, and settles their approvals.
 *
 * <p>Thread-safe. Every method blocks the calling thread (use virtual threads) until the run it
 * drives completes, fails, or suspends; a suspended run holds no thread, only rows in the store,
 * and any process with the same store can resume it. Tool calls of one model turn run in parallel
 * on virtual threads, each through the {@link Gate}.
 *
 * <pre>{@code
 * var runtime = AgentRuntime.builder()
 *     .stores(runStore, approvalStore, effectStore)
 *     .models(ModelResolver.always(model))
 *     .tools(new OrderTools(db))
 *     .agent(AgentSpec.builder("orders").tools("get_order").build())
 *     .build();
 * RunRecord run = runtime.start("orders", envelope, "Where is order 1001?");
 * }</pre>
 */
public final class AgentRuntime implements AutoCloseable {
  private static final int MAX_INPUT_CHARS = 100_000;

  private final Map<String, AgentSpec> agents;
  private final Map<String, AgentSpec> servers;
  private final Map<String, ToolHandler> tools;
  private final RunStore runs;
  private final ApprovalStore approvals;
  private final ModelResolver models;
  private final Gate gate;
  private final Telemetry telemetry;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final ModelRetry retry;
  private final ExecutorService executor;
  private final ApprovalTokens approvalTokens;
  private final HopSeal hopSeal;
  private final dev.colony.core.gate.AuditSink audit;
  private final Quotas quotas;
  private final ModelPricing pricing;
  private final Duration approvalLifetime;
  private final RateLimitGuard.Limit voteLimit;
  private final RateBuckets votes;
  private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<RunId, Boolean> cancelled = new ConcurrentHashMap<>();

  private AgentRuntime(Builder b) {
    this.runs = Objects.requireNonNull(b.runs, "run store");
    this.approvals = Objects.requireNonNull(b.approvals, "approval store");
    this.models = Objects.requireNonNull(b.models, "models");
    this.telemetry = b.telemetry;
    this.clock = b.clock;
    this.ids = b.ids;
    this.retry = b.retry;
    this.executor =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("colony-tool-", 0).factory());
    this.listeners.addAll(b.listeners);
    this.hopSeal = b.hopSeal;
    this.agents = Map.copyOf(b.agents);
    this.servers = Map.copyOf(b.servers);
    var all = new LinkedHashMap<String, ToolHandler>(b.tools);
    for (var agent : b.agents.values()) {
      all.put(AgentTool.PREFIX + agent.name(), new AgentTool(this, agent));
    }
    this.tools = Map.copyOf(all);
    for (var agent : concat(agents.values(), servers.values())) {
      for (var tool : agent.tools()) {
        if (!tools.containsKey(tool)) {
          throw new InvalidInput(
              "agent '" + agent.name() + "'.tools",
              "names tool '" + tool + "', which no registered tool or agent provides");
        }
      }
    }
    var config = new GateConfig();
    b.gate.accept(config);
    this.approvalTokens = config.approvalTokens();
    this.audit = config.audit();
    this.quotas =
        config.usage() == null ? null : new Quotas(config.usage(), config.quotas(), clock);
    this.pricing = b.pricing;
    this.approvalLifetime = config.approvalLifetime();
    this.voteLimit = config.approvalVoteLimit();
    this.votes = new RateBuckets(clock);
    this.gate =
        Gate.standard(
            config,
            tools,
            approvals,
            Objects.requireNonNull(b.effects, "effect store"),
            telemetry,
            clock,
            ids,
            quotas);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a run of an agent and drives it until it completes, fails or suspends.
   *
   * @param envelope who the run acts for; the agent is added to its principal chain
   * @throws NotFound if no agent has that name
   * @throws InvalidInput if the input is blank or too long
   */
  public RunRecord start(String agent, Envelope envelope, String input) {
    var spec = agents.get(agent);
    if (spec == null) {
      throw new NotFound("agent", agent);
    }
    return startRun(spec, envelope, input, null, null);
  }

  /**
   * Calls one tool of a tool server for a caller outside any agent run (an MCP client, say), as a
   * run of its own: the call passes the Gate as the envelope's actor, with no agent added to the
   * chain, and the run completes with the tool's result. A call that needs approval leaves the run
   * waiting; approving resumes it, in any process sharing the store, and the call runs then.
   *
   * @param server a tool server registered with {@link Builder#toolServer}
   * @param envelope who calls, for which tenant; its actor is the Gate's principal
   * @param call the call; its arguments are validated by the Gate like any other call's
   * @return where the call stands: completed with its result, or waiting (its run stored, so that
   *     {@link #run} and {@link #servedCall} find it), or failed
   * @throws NotFound if there is no such server, or the server has no such tool
   */
  public ServedCall call(String server, Envelope envelope, ToolCall call) {
    return ServedCalls.call(this, server(server), envelope, call);
  }

  /**
   * A served call that waited, as it stands now; empty for a run of another kind. Calls that
   * completed at once were never stored and are not found here.
   */
  public Optional<ServedCall> servedCall(TenantId tenant, RunId id) {
    return run(tenant, id)
        .filter(run -> servers.containsKey(run.agent()))
        .map(run -> ServedCalls.of(this, run));
  }

  RunRecord startChild(
      AgentSpec agent, Envelope envelope, String input, RunId parent, String parentCallId) {
    return startRun(agent, envelope, input, parent, parentCallId);
  }

  private RunRecord startRun(
      AgentSpec agent, Envelope envelope, String input, RunId parent, String parentCallId) {
    Objects.requireNonNull(envelope, "envelope");
    if (input == null || input.isBlank()) {
      throw new InvalidInput("input", "must not be blank");
    }
    if (input.length() > MAX_INPUT_CHARS) {
      throw new InvalidInput(
          "input",
          "is " + input.length() + " characters, more than the limit of " + MAX_INPUT_CHARS);
    }
    var now = clock.instant();
    var id = RunId.random(ids.get());
    var acting = envelope.delegateTo(AgentTool.principal(agent), agent.scopes());
    var messages = new ArrayList<Message>();
    if (!agent.instructions().isEmpty()) {
      messages.add(new Message.System(String.join("\n\n", agent.instructions())));
    }
    messages.add(new Message.User(input));
    var record =
        new RunRecord(
            id,
            agent.name(),
            acting,
            parent,
            parentCallId,
            RunStatus.RUNNING,
            input,
            null,
            null,
            null,
            now,
            now,
            0);
    var initial = new Checkpoint(id, 0, messages, RunCounters.ZERO, now);
    record = runs.create(record, initial);
    emit(new RunEvent.Started(id, agent.name(), now, input, parent));
    return new RunDrive(this, record, initial).drive();
  }

  /**
   * Continues a run from its latest checkpoint: a waiting run whose approvals or child runs are
   * settled, or a running run whose process died. A finished run is returned as it is.
   */
  public RunRecord resume(TenantId tenant, RunId id) {
    var run = runs.require(tenant, id);
    if (run.status().terminal()) {
      return run;
    }
    return continueRun(run);
  }

  /** Resumes a waiting run whose waits are already settled; else returns it as it is. */
  RunRecord resumeIfSettled(RunRecord run) {
    if (run.waitingOn() == null) {
      return run;
    }
    for (var wait : run.waitingOn().split(",")) {
      if (wait.startsWith("approval:")
          && approvals
              .find(run.tenant(), dev.colony.core.approval.ApprovalId.of(wait.substring(9)))
              .map(a -> a.status().decided())
              .orElse(false)) {
        return resumeIfWaiting(run.tenant(), run.id());
      }
    }
    return run;
  }

  /** Resumes a run only if it is waiting; used when something it waits on is settled. */
  RunRecord resumeIfWaiting(TenantId tenant, RunId id) {
    var run = runs.require(tenant, id);
    return run.status() == RunStatus.WAITING ? continueRun(run) : run;
  }

  private RunRecord continueRun(RunRecord run) {
    var checkpoint =
        runs.latestCheckpoint(run.tenant(), run.id())
            .orElseThrow(() -> new NotFound("checkpoint of run", run.id().value()));
    RunRecord claimed;
    try {
      claimed = runs.update(run.withStatus(RunStatus.RUNNING, null, null, null, clock.instant()));
    } catch (Conflict raced) {
      return runs.require(run.tenant(), run.id());
    }
    emit(new RunEvent.Resumed(run.id(), run.agent(), clock.instant(), checkpoint.sequence()));
    return new RunDrive(this, claimed, checkpoint).drive();
  }

  /**
   * Approves a pending approval; once it has as many approvers as it needs, resumes the run that
   * waits for it. With signed approvals configured, the vote carries a token bound to the call.
   *
   * @throws NotFound if the tenant has no such approval
   * @throws Conflict if it was already decided, or this approver voted already
   * @throws InvalidInput if the approver is the requester of a call that needs several approvers
   */
  public Approval approve(TenantId tenant, ApprovalId id, String approver, String reason) {
    return decide(tenant, id, true, approver, reason);
  }

  /** Denies a pending approval; the run resumes and its model learns the call was denied. */
  public Approval deny(TenantId tenant, ApprovalId id, String approver, String reason) {
    return decide(tenant, id, false, approver, reason);
  }

  private Approval decide(
      TenantId tenant, ApprovalId id, boolean approve, String approver, String reason) {
    if (approver == null || approver.isBlank()) {
      throw new InvalidInput("approver", "must name the person deciding");
    }
    var approval = approvals.require(tenant, id);
    if (approval.status() == ApprovalStatus.PENDING
        && !votes.take(tenant.value() + "/" + approver, voteLimit)) {
      throw new RateLimited(
          "'"
              + approver
              + "' has decided "
              + voteLimit.calls()
              + " approvals in the last "
              + voteLimit.period()
              + ", the most one approver may; approval "
              + id
              + " stays "
              + approval.status()
              + ", try again later");
    }
    if (approve && approval.required() > 1 && approver.equals(approval.requestedBy().id())) {
      throw new InvalidInput(
          "approver",
          "'"
              + approver
              + "' asked for this call and cannot approve it; it needs "
              + approval.required()
              + " other people");
    }
    var now = clock.instant();
    String token = null;
    if (approve && approvalTokens != null) {
      var run = runs.require(tenant, approval.runId());
      token =
          approvalTokens.issue(
              new ApprovalGrant(
                  ids.get().toString(),
                  id,
                  tenant,
                  approval.runId(),
                  approval.callId(),
                  approval.tool(),
                  approval.argumentsDigest(),
                  approver,
                  run.envelope().scopes(),
                  now.plus(approvalLifetime)));
    }
    var vote = new ApprovalVote(approver, approve, reason, now, token);
    var voted = approvals.vote(tenant, id, vote);
    if (audit != null) {
      // If the ledger cannot record the vote, the run does not resume on it.
      audit.recordVote(voted, vote);
    }
    if (voted.status().decided()) {
      resumeIfWaiting(tenant, voted.runId());
    }
    return voted;
  }

  /**
   * Cancels a run: a waiting run at once, a running one at its next step (in any process sharing
   * the store). Waiting child runs are cancelled too.
   */
  public RunRecord cancel(TenantId tenant, RunId id, String reason) {
    var run = runs.require(tenant, id);
    if (run.status().terminal()) {
      return run;
    }
    cancelled.put(id, Boolean.TRUE);
    var why = reason == null || reason.isBlank() ? "cancelled" : reason;
    RunRecord stored;
    try {
      stored = runs.update(run.withStatus(RunStatus.CANCELLED, null, why, null, clock.instant()));
    } catch (Conflict raced) {
      return cancel(tenant, id, reason);
    }
    emit(new RunEvent.Cancelled(id, run.agent(), clock.instant(), why));
    if (run.waitingOn() != null) {
      for (var wait : run.waitingOn().split(",")) {
        if (wait.startsWith("run:")) {
          cancel(tenant, RunId.of(wait.substring(4)), "parent run " + id + " was cancelled");
        }
      }
    }
    return stored;
  }

  public Optional<RunRecord> run(TenantId tenant, RunId id) {
    return runs.find(tenant, id);
  }

  /**
   * The top-level run a run was delegated from (through agents as tools), or the run itself.
   *
   * @throws NotFound if the tenant has no such run
   */
  public RunRecord root(TenantId tenant, RunId id) {
    var run = runs.require(tenant, id);
    while (run.parentId() != null) {
      run = runs.require(tenant, run.parentId());
    }
    return run;
  }

  public List<RunRecord> runs(TenantId tenant, RunStatus status, int limit) {
    return runs.list(tenant, status, limit);
  }

  public List<Approval> approvals(TenantId tenant, ApprovalStatus status) {
    return approvals.list(tenant, status, 1000);
  }

  public Optional<Approval> approval(TenantId tenant, ApprovalId id) {
    return approvals.find(tenant, id);
  }

  public Collection<AgentSpec> agents() {
    return agents.values();
  }

  /** The tools an agent may call, as its model sees them. */
  public List<ToolSpec> toolsOf(String agent) {
    return agent(agent).tools().stream().map(t -> tools.get(t).spec()).toList();
  }

  public void addListener(RunListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(RunListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void close() {
    executor.close();
  }

  AgentSpec agent(String name) {
    var spec = agents.get(name);
    if (spec == null) {
      spec = servers.get(name);
    }
    if (spec == null) {
      throw new NotFound("agent", name);
    }
    return spec;
  }

  AgentSpec server(String name) {
    var spec = servers.get(name);
    if (spec == null) {
      throw new NotFound("tool server", name);
    }
    return spec;
  }

  /** Whether runs of this spec are served calls rather than agent runs. */
  boolean serves(AgentSpec spec) {
    return servers.get(spec.name()) == spec;
  }

  int maxInputChars() {
    return MAX_INPUT_CHARS;
  }

  Supplier<UUID> ids() {
    return ids;
  }

  private static <T> List<T> concat(Collection<T> first, Collection<T> second) {
    var all = new ArrayList<T>(first);
    all.addAll(second);
    return all;
  }

  ToolHandler tool(String name) {
    return tools.get(name);
  }

  void emit(RunEvent event) {
    for (var listener : listeners) {
      listener.onEvent(event);
    }
  }

  boolean cancelRequested(RunId id) {
    return cancelled.containsKey(id);
  }

  RunStore runStore() {
    return runs;
  }

  ApprovalStore approvalStore() {
    return approvals;
  }

  ModelResolver models() {
    return models;
  }

  Gate gate() {
    return gate;
  }

  Telemetry telemetry() {
    return telemetry;
  }

  Clock clock() {
    return clock;
  }

  ModelRetry retry() {
    return retry;
  }

  ExecutorService executor() {
    return executor;
  }

  HopSeal hopSeal() {
    return hopSeal;
  }

  Quotas quotas() {
    return quotas;
  }

  ModelPricing pricing() {
    return pricing;
  }

  /** Configures an {@link AgentRuntime}; stores and models are required. */
  public static final class Builder {
    private RunStore runs;
    private ApprovalStore approvals;
    private EffectStore effects;
    private ModelResolver models;
    private final Map<String, AgentSpec> agents = new LinkedHashMap<>();
    private final Map<String, AgentSpec> servers = new LinkedHashMap<>();
    private final Map<String, ToolHandler> tools = new LinkedHashMap<>();
    private Consumer<GateConfig> gate = config -> {};
    private Telemetry telemetry = Telemetry.none();
    private Clock clock = Clock.systemUTC();
    private Supplier<UUID> ids = UUID::randomUUID;
    private ModelRetry retry = ModelRetry.DEFAULT;
    private final List<RunListener> listeners = new ArrayList<>();
    private HopSeal hopSeal;
    private ModelPricing pricing = ModelPricing.free();

    private Builder() {}

    /** What model turns cost, for cost budgets (default: nothing). */
    public Builder pricing(ModelPricing pricing) {
      this.pricing = Objects.requireNonNull(pricing, "pricing");
      return this;
    }

    /**
     * Seals every delegation from one agent to another with the caller's key and opens it at the
     * callee, which runs only on an envelope that verifies (signature, key owner, revocation,
     * audience, tenant, skill, freshness, replay, body digest).
     */
    public Builder hopSeal(HopSeal seal) {
      this.hopSeal = Objects.requireNonNull(seal, "hopSeal");
      return this;
    }

    public Builder stores(RunStore runs, ApprovalStore approvals, EffectStore effects) {
      this.runs = runs;
      this.approvals = approvals;
      this.effects = effects;
      return this;
    }

    public Builder models(ModelResolver models) {
      this.models = models;
      return this;
    }

    public Builder agent(AgentSpec agent) {
      if (servers.containsKey(agent.name()) || agents.putIfAbsent(agent.name(), agent) != null) {
        throw new InvalidInput("agent.name", "agent '" + agent.name() + "' is registered twice");
      }
      return this;
    }

    /**
     * Registers a tool server: a named set of registered tools that callers outside any agent run
     * call one at a time ({@link AgentRuntime#call}). Its name shares the agents' namespace and
     * rules, so that its runs are told apart from agents' in lists, spans and the ledger.
     */
    public Builder toolServer(String name, Collection<String> toolNames) {
      var spec =
          AgentSpec.builder(name)
              .description("serves tools to callers outside agent runs")
              .model(ServedCalls.MODEL)
              .tools(toolNames.toArray(String[]::new))
              .build();
      if (agents.containsKey(name) || servers.putIfAbsent(name, spec) != null) {
        throw new InvalidInput(
            "toolServer.name", "'" + name + "' is already an agent or a tool server");
      }
      return this;
    }

    /** Registers handlers; a name registered twice is refused. */
    public Builder tools(Collection<? extends ToolHandler> handlers) {
      for (var handler : handlers) {
        var name = handler.spec().name();
        if (name.startsWith(AgentTool.PREFIX)) {
          throw new InvalidInput("tool.name", "'" + name + "' is reserved for agents as tools");
        }
        if (tools.putIfAbsent(name, handler) != null) {
          throw new InvalidInput("tool.name", "tool '" + name + "' is registered twice");
        }
      }
      return this;
    }

    /** Registers every {@code @Tool} method of the object. */
    public Builder tools(Object annotated) {
      return tools(Tools.from(annotated));
    }

    public Builder gate(Consumer<GateConfig> configure) {
      this.gate = Objects.requireNonNull(configure, "gate");
      return this;
    }

    public Builder telemetry(Telemetry telemetry) {
      this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder ids(Supplier<UUID> ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    public Builder modelRetry(ModelRetry retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder listener(RunListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public AgentRuntime build() {
      return new AgentRuntime(this);
    }
  }
}
