package dev.colony.bench;

import static dev.colony.bench.BenchTools.READ;
import static dev.colony.bench.BenchTools.READ_ARGUMENTS;
import static dev.colony.testing.ScriptedModelClient.call;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.model.Message;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.ToolCall;
import dev.colony.runtime.AgentRuntime;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.ScriptedModelClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole runs through {@link AgentRuntime#start}, with a scripted model and in-memory stores.
 *
 * <p>A run of {@link #oneToolCall} or {@link #fourToolCalls} is: start (run record and first
 * checkpoint), a model turn that calls N trivial READ tools, the N calls through the Gate (four run
 * in parallel on virtual threads, one runs on the caller's thread), a checkpoint of the results, a
 * second model turn that answers, and the completed run stored. Their scores are per tool call
 * ({@code @OperationsPerInvocation(N)}): the whole run's time divided by N. {@link #answerOnly} is
 * a run whose model answers at once, per run, so the cost a tool call adds to a run is {@code (N *
 * score(N) - score(answerOnly)) / N}.
 *
 * <p>The tool returns a constant (see {@link BenchTools#constant}); the model is scripted and
 * answers at once, so what is measured is the runtime: loop, Gate, checkpoints and events. The run
 * store is an in-memory store emptied every {@link RecyclingStores#EVERY} runs, for the reason
 * {@link RecyclingStores} gives.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class LoopBenchmark {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Envelope ENVELOPE =
      Envelope.of(TENANT, Principal.user("rep-7"), Set.of("orders:read"));
  private static final String INPUT = "What is in order 1001?";
  private static final Map<String, Integer> CALLS =
      Map.of("answer-only", 0, "one-call", 1, "four-calls", 4);

  private RecyclingStores.Runs runs;
  private AgentRuntime runtime;
  private long started;

  /**
   * One runtime for the whole trial, as in a long-lived process; one run of each agent checks that
   * it completes with every tool call run.
   */
  @Setup(Level.Trial)
  public void setUp() {
    runs = new RecyclingStores.Runs();
    var builder =
        AgentRuntime.builder()
            .stores(runs, new InMemoryApprovalStore(), new InMemoryEffectStore())
            .tools(List.of(BenchTools.constant(READ)));
    var scripts = new HashMap<String, ScriptedModelClient.Builder>();
    CALLS.forEach(
        (agent, calls) -> {
          builder.agent(AgentSpec.builder(agent).tools(READ).build());
          scripts.put(agent, script(calls));
        });
    // A new client per run: a scripted client keeps every request it was sent.
    runtime = builder.models(agent -> scripts.get(agent.name()).build()).build();
    CALLS.forEach((agent, calls) -> requireCompleted(runtime.start(agent, ENVELOPE, INPUT), calls));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runtime.close();
  }

  @Benchmark
  public RunRecord answerOnly() {
    return start("answer-only");
  }

  @Benchmark
  @OperationsPerInvocation(1)
  public RunRecord oneToolCall() {
    return start("one-call");
  }

  @Benchmark
  @OperationsPerInvocation(4)
  public RunRecord fourToolCalls() {
    return start("four-calls");
  }

  /** Starts a run; the run store is emptied every {@link RecyclingStores#EVERY} runs. */
  private RunRecord start(String agent) {
    if (++started % RecyclingStores.EVERY == 0) {
      runs.recycle();
    }
    return runtime.start(agent, ENVELOPE, INPUT);
  }

  private static ScriptedModelClient.Builder script(int calls) {
    var script = ScriptedModelClient.builder();
    if (calls > 0) {
      script.callTools(
          IntStream.rangeClosed(1, calls)
              .mapToObj(i -> call("c" + i, READ, READ_ARGUMENTS))
              .toArray(ToolCall[]::new));
    }
    return script.answer("Order 1001 has a lamp and a scarf.");
  }

  private void requireCompleted(RunRecord run, int calls) {
    var results =
        runs.latestCheckpoint(TENANT, run.id()).orElseThrow().messages().stream()
            .filter(Message.ToolResultMessage.class::isInstance)
            .map(m -> ((Message.ToolResultMessage) m).result())
            .filter(result -> !result.error())
            .count();
    if (run.status() != RunStatus.COMPLETED || results != calls) {
      throw new IllegalStateException(
          "a run of agent '"
              + run.agent()
              + "' must complete after "
              + calls
              + " successful tool calls, got "
              + run.status()
              + " after "
              + results
              + " ("
              + run.error()
              + ")");
    }
  }
}
