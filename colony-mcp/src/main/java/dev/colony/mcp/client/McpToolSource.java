package dev.colony.mcp.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.InvalidInput;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of one remote MCP server, as {@link ToolHandler}s the Gate runs.
 *
 * <p>Thread-safe: handlers are called concurrently on virtual threads and share one connection;
 * making that connection is serialized, listings and approvals apply one at a time. Building a
 * source does nothing on the network: it connects when its tools are first listed or called, and a
 * server that is down never makes building fail or hang.
 *
 * <p>Each tool is named {@code SERVER.TOOL} ({@code github.create_issue}) and carries the server's
 * description and schemas. Its tier is the manifest's (see {@link McpServerRef#tiers()}), else
 * {@code READ} when the server annotates it {@code readOnlyHint: true}, else {@code WRITE_HIGH}. A
 * call is a {@code tools/call} on the server through the MCP Java SDK: structured content becomes
 * the result's JSON, else the content blocks as {@code {"content":[...]}}; a result flagged {@code
 * isError} becomes a failed result carrying the server's text; a JSON-RPC error, a timeout or a
 * broken connection becomes a {@link dev.colony.core.tool.ToolFailure} naming the server and tool.
 *
 * <p>Failures of the connection are retried with exponential backoff and jitter, and behind a
 * circuit breaker: while the breaker is open, calls fail at once, saying when the server is tried
 * again.
 *
 * <p>Tools are pinned, because a tool that changes after it was approved is a known attack: the
 * SHA-256 of each tool's definition (see {@link ToolChange#definition()}) is kept in {@link
 * ToolPins}. The first listing ever pins every tool. A later listing (after {@code
 * notifications/tools/list_changed} or a reconnect) that shows another definition disables that
 * tool until {@link #approveChange} pins the new one; tools that appear later wait for approval
 * too, and removed tools fail saying so. A definition waiting for approval is not shown to models:
 * until it is approved, the tool's spec has a neutral description and an open schema.
 */
public final class McpToolSource implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(McpToolSource.class);

  private final McpServerRef ref;
  private final ToolCatalog catalog;
  private final ServerLink link;
  private final Executor executor;
  private final Map<String, RemoteTool> handlers = new ConcurrentHashMap<>();
  private final Object refreshLock = new Object();
  private CompletableFuture<Void> refreshing;

  private McpToolSource(Builder builder) {
    this.ref = builder.ref;
    this.executor = builder.executor;
    this.catalog = new ToolCatalog(ref, builder.pins);
    var json = new JacksonMcpJsonMapper(new ObjectMapper());
    var resilience = builder.resilience;
    this.link =
        new ServerLink(
            ref,
            () -> Clients.connect(ref, json, this::toolsChanged),
            client -> catalog.update(listing(client)),
            builder.clock,
            new Backoff(
                resilience.initialBackoff,
                resilience.maxBackoff,
                resilience.jitter,
                builder.random),
            resilience.failuresToOpen,
            resilience.openFor,
            executor);
  }

  /** Starts a source for {@code ref}; see {@link Builder} for what else can be set. */
  /**
   * The server's tools; none, rather than a failure, from a server that does not offer tools at all
   * (no {@code tools} capability), which the SDK refuses to ask.
   */
  private static List<McpSchema.Tool> listing(McpSyncClient client) {
    var capabilities = client.getServerCapabilities();
    if (capabilities != null && capabilities.tools() == null) {
      return List.of();
    }
    return client.listTools().tools();
  }

  public static Builder builder(McpServerRef ref) {
    return new Builder(ref);
  }

  /** The server's name, which is its tools' namespace. */
  public String server() {
    return ref.name();
  }

  /**
   * Handlers for the server's tools, connecting first if need be and waiting at most {@code wait}
   * for the server to list them.
   *
   * <p>If the server does not answer in time, this returns handlers for the tools the manifest
   * declares (see {@link McpServerRef#tiers()}), with an open object schema; the attempt goes on in
   * the background, and their specs become the server's once it answers (to this attempt, or, if it
   * failed, to a later call or listing). Tools waiting for approval get handlers too, whose calls
   * fail until approved. Handlers are the same objects from one call to the next.
   */
  public List<ToolHandler> tools(Duration wait) {
    Objects.requireNonNull(wait, "wait");
    if (!catalog.listed()) {
      var attempt = refresh();
      try {
        attempt.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        log.warn(
            "MCP server '{}' did not list its tools within {} ms; serving its declared tools {}"
                + " until it does",
            ref.name(),
            wait.toMillis(),
            ref.tiers().keySet());
      } catch (ExecutionException e) {
        log.warn(
            "MCP server '{}' did not list its tools ({}); serving its declared tools {} until it"
                + " does",
            ref.name(),
            e.getCause().getMessage(),
            ref.tiers().keySet());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return catalog.names().stream().map(this::handler).map(ToolHandler.class::cast).toList();
  }

  /** The server's tools that wait for an operator's approval before they run. */
  public List<ToolChange> pendingApprovals() {
    return catalog.changes();
  }

  /**
   * Approves the definition of a tool that changed or appeared since the first listing, so that it
   * runs again.
   *
   * @param tool the tool's name as agents see it ({@code github.create_issue})
   * @param sha256 the hash of the definition that was reviewed ({@link ToolChange#sha256()}); if
   *     the server lists another definition by now, nothing is approved
   * @throws InvalidInput if the server does not list the tool now
   * @throws dev.colony.core.Conflict if the listed definition no longer hashes to {@code sha256}
   */
  public void approveChange(String tool, String sha256) {
    var prefix = ref.name() + ".";
    if (tool == null || !tool.startsWith(prefix)) {
      throw new InvalidInput(
          "tool",
          "MCP server '%s' names its tools '%sTOOL', got %s"
              .formatted(ref.name(), prefix, tool == null ? "null" : "'" + tool + "'"));
    }
    Objects.requireNonNull(sha256, "sha256");
    catalog.approve(tool.substring(prefix.length()), sha256);
  }

  /** Closes the connection, ending a stdio server's process; calls after this fail. */
  @Override
  public void close() {
    link.close();
  }

  private RemoteTool handler(String tool) {
    return handlers.computeIfAbsent(tool, RemoteTool::new);
  }

  private ToolResult call(String tool, ToolCall call, String arguments) {
    var qualified = ref.name() + "." + tool;
    var args = CallResults.arguments(qualified, arguments);
    var result =
        link.call(
            "tool '" + qualified + "'",
            client -> {
              catalog.requireRunnable(tool);
              return client.callTool(new McpSchema.CallToolRequest(tool, args));
            });
    return CallResults.result(qualified, call, result);
  }

  private void toolsChanged(List<McpSchema.Tool> tools) {
    try {
      catalog.update(tools);
    } catch (RuntimeException e) {
      log.error("MCP server '{}' changed its tools, which could not be taken in", ref.name(), e);
    }
  }

  /** Connects (which lists the tools) in the background unless that is under way already. */
  private CompletableFuture<Void> refresh() {
    synchronized (refreshLock) {
      if (refreshing != null && !refreshing.isDone()) {
        return refreshing;
      }
      var attempt = new CompletableFuture<Void>();
      refreshing = attempt;
      try {
        executor.execute(
            () -> {
              try {
                link.call("its tool listing", client -> null);
                attempt.complete(null);
              } catch (RuntimeException e) {
                log.debug("MCP server '{}' did not list its tools", ref.name(), e);
                attempt.completeExceptionally(e);
              }
            });
      } catch (RejectedExecutionException e) {
        attempt.completeExceptionally(e);
      }
      return attempt;
    }
  }

  /** A remote tool; its spec follows the server's latest listing. */
  private final class RemoteTool implements ToolHandler {
    private final String tool;

    RemoteTool(String tool) {
      this.tool = tool;
    }

    @Override
    public ToolSpec spec() {
      return catalog.spec(tool);
    }

    @Override
    public ToolOutcome invoke(ToolContext context, String arguments) {
      return new ToolOutcome.Done(call(tool, context.call(), arguments));
    }

    @Override
    public String toString() {
      return "McpTool[" + ref.name() + "." + tool + "]";
    }
  }

  /**
   * Settings of an {@link McpToolSource}; only the server reference is required.
   *
   * <p>Defaults: the system clock, pins in memory, a virtual thread per background task, and the
   * {@link Resilience} defaults.
   */
  public static final class Builder {
    private final McpServerRef ref;
    private Clock clock = Clock.systemUTC();
    private ToolPins pins = new InMemoryToolPins();
    private Executor executor;
    private RandomGenerator random = RandomGenerator.getDefault();
    private final Resilience resilience = new Resilience();

    private Builder(McpServerRef ref) {
      this.ref = Objects.requireNonNull(ref, "ref");
    }

    /** The clock for backoff and the circuit breaker. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where approved tool definitions are kept; use {@link FileToolPins} to keep them. */
    public Builder pins(ToolPins pins) {
      this.pins = Objects.requireNonNull(pins, "pins");
      return this;
    }

    /**
     * Runs background work: tool listings and, per stdio connection, one task that waits for the
     * child process to exit. It must run tasks concurrently.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The randomness behind the backoff's jitter. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Backoff and circuit breaker settings. */
    public Builder resilience(Consumer<Resilience> settings) {
      settings.accept(resilience);
      return this;
    }

    /** The source; nothing connects yet. */
    public McpToolSource build() {
      if (executor == null) {
        var threads = Thread.ofVirtual().name("mcp-" + ref.name() + "-", 0).factory();
        executor = task -> threads.newThread(task).start();
      }
      resilience.validate();
      return new McpToolSource(this);
    }
  }

  /**
   * How a source retries a failing server.
   *
   * <p>Defaults: reconnect after 500 ms, doubling up to 30 s, each wait shortened by up to half at
   * random; the breaker opens after 5 failed calls in a row and stays open 30 s.
   */
  public static final class Resilience {
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private double jitter = 0.5;
    private int failuresToOpen = 5;
    private Duration openFor = Duration.ofSeconds(30);

    private Resilience() {}

    /** The wait before the first reconnect, doubling after each failure up to {@code max}. */
    public Resilience backoff(Duration initial, Duration max) {
      this.initialBackoff = Objects.requireNonNull(initial, "initial");
      this.maxBackoff = Objects.requireNonNull(max, "max");
      return this;
    }

    /** The largest fraction (0 to 1) by which a wait is shortened at random. */
    public Resilience jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Opens the breaker after {@code failures} failed calls in a row, for {@code openFor}. */
    public Resilience breaker(int failures, Duration openFor) {
      this.failuresToOpen = failures;
      this.openFor = Objects.requireNonNull(openFor, "openFor");
      return this;
    }

    private void validate() {
      if (failuresToOpen < 1) {
        throw new InvalidInput(
            "resilience.breaker.failures", "must be at least 1, got " + failuresToOpen);
      }
      if (openFor.isNegative() || openFor.isZero()) {
        throw new InvalidInput("resilience.breaker.openFor", "must be positive, got " + openFor);
      }
      new Backoff(initialBackoff, maxBackoff, jitter, RandomGenerator.getDefault());
    }
  }
}
