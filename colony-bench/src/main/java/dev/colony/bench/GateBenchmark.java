package dev.colony.bench;

import static dev.colony.bench.BenchTools.READ;
import static dev.colony.bench.BenchTools.READ_ARGUMENTS;
import static dev.colony.bench.BenchTools.WRITE_LOW;
import static dev.colony.bench.BenchTools.WRITE_LOW_ARGUMENTS;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.telemetry.Telemetry;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.runtime.gate.Gate;
import dev.colony.runtime.gate.GateConfig;
import dev.colony.testing.InMemoryApprovalStore;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One tool call through the Gate, against the same tool called directly.
 *
 * <p>The {@code *Direct} benchmarks call the tool's handler and nothing else; the {@code *Gated}
 * ones pass the same call through the whole chain (spans, unknown tool, schema, budget, policy,
 * breaker, effect record) and then the handler. The Gate's overhead per call is the difference. A
 * READ call is allowed and not recorded; a WRITE_LOW call is allowed within its limits and gets an
 * effect record in the in-memory effect store, under a new idempotency key each time (so the tool
 * really runs rather than replaying a recorded result); the store is emptied every {@link
 * RecyclingStores#EVERY} calls, for the reason {@link RecyclingStores} gives.
 *
 * <p>{@code tool=constant} is a handler that returns a fixed result, so the direct call costs next
 * to nothing; {@code tool=annotated} is the same tool as a {@code @Tool} method, which binds its
 * arguments and writes its result with Jackson, as application tools do.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class GateBenchmark {
  private static final String AGENT = "orders";
  private static final Envelope ENVELOPE =
      Envelope.of(TenantId.of("acme"), Principal.user("rep-7"), Set.of("orders:read"))
          .delegateTo(Principal.agent(AGENT), Set.of("orders:read"));

  @Param({"constant", "annotated"})
  public String tool;

  private ToolHandler read;
  private ToolHandler writeLow;
  private RecyclingStores.Effects effects;
  private Gate gate;
  private RunId runId;
  private GateRequest.Budgeting budget;
  private GateRequest readRequest;
  private ToolContext readContext;
  private ToolCall writeCall;
  private long sequence;

  /** One Gate for the whole trial, as in a long-lived runtime; checks that both tools run. */
  @Setup(Level.Trial)
  public void setUp() {
    read = "constant".equals(tool) ? BenchTools.constant(READ) : BenchTools.annotated(READ);
    writeLow =
        "constant".equals(tool) ? BenchTools.constant(WRITE_LOW) : BenchTools.annotated(WRITE_LOW);
    effects = new RecyclingStores.Effects();
    var clock = Clock.systemUTC();
    gate =
        Gate.standard(
            new GateConfig(),
            Map.of(READ, read, WRITE_LOW, writeLow),
            new InMemoryApprovalStore(),
            effects,
            Telemetry.none(),
            clock,
            UUID::randomUUID);
    runId = RunId.random(UUID.randomUUID());
    budget = new GateRequest.Budgeting(Budget.DEFAULT, 0, clock.instant());
    var readCall = new ToolCall("c1", READ, READ_ARGUMENTS);
    var readKey = runId.value() + "/c1";
    readRequest = new GateRequest(ENVELOPE, runId, AGENT, readCall, read.spec(), readKey, budget);
    readContext = new ToolContext(ENVELOPE, runId, AGENT, readCall, readKey);
    writeCall = new ToolCall("c2", WRITE_LOW, WRITE_LOW_ARGUMENTS);
    requireRan(readGated());
    requireRan(writeLowGated());
  }

  @Benchmark
  public ToolOutcome readDirect() {
    return read.invoke(readContext, READ_ARGUMENTS);
  }

  @Benchmark
  public GateOutcome readGated() {
    return gate.pass(readRequest);
  }

  @Benchmark
  public ToolOutcome writeLowDirect() {
    return writeLow.invoke(
        new ToolContext(ENVELOPE, runId, AGENT, writeCall, nextKey()), WRITE_LOW_ARGUMENTS);
  }

  @Benchmark
  public GateOutcome writeLowGated() {
    return gate.pass(
        new GateRequest(ENVELOPE, runId, AGENT, writeCall, writeLow.spec(), nextKey(), budget));
  }

  /** A new idempotency key, as each call of a run has; the same work for direct and gated calls. */
  private String nextKey() {
    if (++sequence % RecyclingStores.EVERY == 0) {
      effects.recycle();
    }
    return runId.value() + "/w" + sequence;
  }

  private static void requireRan(GateOutcome outcome) {
    if (!(outcome instanceof GateOutcome.Executed executed)
        || executed.replayed()
        || executed.result().error()) {
      throw new IllegalStateException(
          "the benchmark's call must be allowed and run by its tool, got " + outcome);
    }
  }
}
