package dev.colony.bench;

import static dev.colony.bench.BenchTools.WRITE_HIGH;
import static dev.colony.bench.BenchTools.WRITE_HIGH_ARGUMENTS;
import static dev.colony.testing.ScriptedModelClient.call;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunStatus;
import dev.colony.runtime.AgentRuntime;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import dev.colony.testing.ScriptedModelClient;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Measures the heap held by runs paused for approval, all in one JVM.
 *
 * <p>Starts N runs (10,000 unless the first argument says otherwise) of an agent whose scripted
 * model calls a WRITE_HIGH tool, so each run suspends WAITING with one pending approval. Everything
 * a paused run is lives in the in-memory stores (run record, checkpoints with the conversation, the
 * approval); no thread is held. The heap used after full collections, before and after, is the
 * figure; the harness then checks that every run is WAITING and every approval PENDING, and exits
 * with an error if not, so the figure is about what it claims.
 *
 * <p>With a database store these rows would live in the database and the JVM would hold none of
 * them; keeping them in memory is the worst case for one JVM.
 */
public final class PausedRunsHeap {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final String AGENT = "payments";

  /** About 550 characters, a modest system prompt; each run's first checkpoint holds a copy. */
  private static final String INSTRUCTIONS =
      """
      You handle refund requests for the support team of an online shop. Look at what the \
      customer asked for and at the order it concerns. Refund a charge only when the customer was \
      charged twice for the same order, or when an item never arrived and the carrier confirms the \
      loss. Never refund more than the charge. Say in one sentence why you refund, naming the \
      order and the charge. If the request is unclear, ask one short question instead of \
      guessing. Refunds need a person's approval; when one is pending, say that the refund waits \
      for approval and stop.""";

  private PausedRunsHeap() {}

  /**
   * Runs the measurement.
   *
   * @param args the number of runs (default 10,000), and {@code --histogram} to print the classes
   *     that take the most heap once the runs are paused
   */
  public static void main(String[] args) {
    var arguments = List.of(args);
    boolean histogram = arguments.contains("--histogram");
    int count =
        arguments.stream()
            .filter(a -> !a.startsWith("--"))
            .findFirst()
            .map(PausedRunsHeap::count)
            .orElse(10_000);
    var runs = new InMemoryRunStore();
    var approvals = new InMemoryApprovalStore();
    var effects = new InMemoryEffectStore();
    var script =
        ScriptedModelClient.builder()
            .callTools(call("r1", WRITE_HIGH, WRITE_HIGH_ARGUMENTS))
            .answer("The refund waits for approval.");
    var runtime =
        AgentRuntime.builder()
            .stores(runs, approvals, effects)
            // A new client per run: a scripted client keeps every request it was sent.
            .models(agent -> script.build())
            .tools(new BenchTools())
            .agent(AgentSpec.builder(AGENT).instruction(INSTRUCTIONS).tools(WRITE_HIGH).build())
            .build();
    var envelope = Envelope.of(TENANT, Principal.user("rep-7"), Set.of("payments:refund"));

    long before = usedHeapAfterGc();
    long started = System.nanoTime();
    var returned = new EnumMap<RunStatus, Integer>(RunStatus.class);
    for (int i = 0; i < count; i++) {
      var input = "Order " + (100_000 + i) + " was charged twice (ch_2). Please refund one.";
      var run = runtime.start(AGENT, envelope, input);
      returned.merge(run.status(), 1, Integer::sum);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long after = usedHeapAfterGc();

    int waiting = runs.list(TENANT, RunStatus.WAITING, Integer.MAX_VALUE).size();
    int stored = runs.list(TENANT, null, Integer.MAX_VALUE).size();
    int pending = approvals.list(TENANT, ApprovalStatus.PENDING, Integer.MAX_VALUE).size();
    int allApprovals = approvals.list(TENANT, null, Integer.MAX_VALUE).size();
    Reference.reachabilityFence(runtime);

    long held = after - before;
    long max = Runtime.getRuntime().maxMemory();
    var out = System.out;
    out.printf(Locale.ROOT, "runs started           %,d in %.1f s%n", count, seconds);
    out.printf(Locale.ROOT, "start() returned       %s%n", returned);
    out.printf(Locale.ROOT, "runs stored            %,d, WAITING %,d%n", stored, waiting);
    out.printf(Locale.ROOT, "approvals stored       %,d, PENDING %,d%n", allApprovals, pending);
    out.printf(Locale.ROOT, "heap used before       %s%n", mib(before));
    out.printf(Locale.ROOT, "heap used after        %s%n", mib(after));
    out.printf(
        Locale.ROOT,
        "held by paused runs    %s, %,d bytes per run%n",
        mib(held),
        held / Math.max(count, 1));
    out.printf(Locale.ROOT, "max heap (-Xmx)        %s%n", mib(max));
    out.printf(
        Locale.ROOT,
        "JVM                    %s %s, %s%n",
        System.getProperty("java.vm.name"),
        Runtime.version(),
        ManagementFactory.getGarbageCollectorMXBeans().getFirst().getName());
    if (histogram) {
      printHistogram(25);
    }

    if (waiting != count || stored != count || pending != count || allApprovals != count) {
      throw new IllegalStateException(
          "expected "
              + count
              + " runs, all WAITING, and as many approvals, all PENDING; got "
              + stored
              + " runs ("
              + waiting
              + " WAITING) and "
              + allApprovals
              + " approvals ("
              + pending
              + " PENDING)");
    }
  }

  private static int count(String argument) {
    try {
      int count = Integer.parseInt(argument);
      if (count > 0) {
        return count;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "the number of runs must be a positive integer, got '" + argument + "'");
  }

  /** Heap in use once collections no longer free anything: live objects, near enough. */
  private static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  /** The first rows of the live-object class histogram, as {@code jcmd GC.class_histogram}. */
  private static void printHistogram(int rows) {
    try {
      var text =
          (String)
              ManagementFactory.getPlatformMBeanServer()
                  .invoke(
                      new ObjectName("com.sun.management:type=DiagnosticCommand"),
                      "gcClassHistogram",
                      new Object[] {new String[0]},
                      new String[] {String[].class.getName()});
      text.lines().limit(rows + 3L).forEach(System.out::println);
    } catch (JMException e) {
      throw new IllegalStateException("the class histogram is not available: " + e, e);
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
