package dev.colony.bench;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code tools/call} throughput and latency over Streamable HTTP on loopback, one load generator
 * for every server: Colony's MCP server (each call through the Gate), the MCP Java SDK alone with
 * the same tool (no Gate: the difference is the Gate's share), and the MCP TypeScript SDK's server
 * with the identical tool ({@code colony-it/js/bench-server.mjs}, run with Node.js).
 *
 * <p>Each server is measured in a JVM of its own, started with this one's JVM options: in a shared
 * JVM, whichever ran first would pay for compiling the code the Java servers share (Jetty, the SDK,
 * Jackson) and the others would find it compiled.
 *
 * <p>Each of C clients (virtual threads, one HTTP/1.1 connection pool) opens its own MCP session
 * ({@code initialize}, {@code notifications/initialized}) and then calls {@code get_order} as fast
 * as answers come, for a warm-up that is not counted and then for the measured time; each call is
 * timed from sending the request to reading the whole answer. A call counts only if its answer
 * holds a result that is not an error; any other answer stops the run with an error, so the figure
 * is about what it claims.
 *
 * <p>Arguments: targets ({@code colony}, {@code sdk}, {@code typescript}; default all three, in
 * that order), {@code --clients 16}, {@code --seconds 10}, {@code --warmup 20}, {@code --node PATH}
 * (the Node.js binary, default {@code node}) and {@code --peer DIR} (the directory with {@code
 * js/bench-server.mjs} and its {@code node_modules}, default {@code colony-it}).
 */
public final class McpToolCalls {
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"colony-bench\","
          + "\"version\":\"1\"}}}";

  private McpToolCalls() {}

  /** Runs the targets the arguments name; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    var targets = new ArrayList<String>();
    int clients = 16;
    double seconds = 10;
    double warmup = 20;
    String node = "node";
    Path peer = Path.of("colony-it");
    boolean child = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "colony", "sdk", "sdk-stateless", "typescript" -> targets.add(args[i]);
        case "--clients" -> clients = Integer.parseInt(value(args, ++i));
        case "--seconds" -> seconds = Double.parseDouble(value(args, ++i));
        case "--warmup" -> warmup = Double.parseDouble(value(args, ++i));
        case "--node" -> node = value(args, ++i);
        case "--peer" -> peer = Path.of(value(args, ++i));
        case "--in-this-jvm" -> child = true;
        default ->
            throw new IllegalArgumentException(
                "unknown argument '"
                    + args[i]
                    + "'; expected colony, sdk, sdk-stateless, typescript, --clients, --seconds,"
                    + " --warmup,"
                    + " --node or --peer");
      }
    }
    if (targets.isEmpty()) {
      targets.addAll(List.of("colony", "sdk", "typescript"));
    }
    var out = System.out;
    if (!child) {
      out.printf(
          Locale.ROOT,
          "%-13s %7s %9s %8s %9s %9s %9s %9s%n",
          "server",
          "clients",
          "calls",
          "seconds",
          "calls/s",
          "p50 µs",
          "p99 µs",
          "max µs");
      // Each server in a JVM of its own: in a shared one, whichever runs first pays for compiling
      // the code they share (Jetty, the SDK, Jackson), and the others get it compiled.
      for (var target : targets) {
        fork(target, args);
      }
      out.printf(
          Locale.ROOT,
          "JVM %s %s; %d processors; %d clients; %.0f s measured after %.0f s of warm-up, each"
              + " server in a JVM of its own%n",
          System.getProperty("java.vm.name"),
          System.getProperty("java.vm.version"),
          Runtime.getRuntime().availableProcessors(),
          clients,
          seconds,
          warmup);
      System.exit(0);
    }
    for (var target : targets) {
      var started = start(target, node, peer);
      try {
        var result = measure(started.port(), clients, warmup, seconds);
        out.printf(
            Locale.ROOT,
            "%-13s %7d %,9d %8.2f %,9.0f %,9d %,9d %,9d%n",
            target,
            clients,
            result.calls(),
            result.seconds(),
            result.calls() / result.seconds(),
            result.percentile(0.50),
            result.percentile(0.99),
            result.percentile(1.0));
      } finally {
        started.stop().close();
      }
    }
    // The MCP SDK 2.1.0's Streamable HTTP transport leaves a non-daemon session-sweeper thread
    // running after its server is closed, which would keep this JVM alive.
    System.exit(0);
  }

  /** Runs one target in a new JVM with this one's settings, its row on this one's output. */
  private static void fork(String target, String[] args) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(McpToolCalls.class.getName());
    for (var arg : args) {
      if (!List.of("colony", "sdk", "sdk-stateless", "typescript").contains(arg)) {
        command.add(arg);
      }
    }
    command.add(target);
    command.add("--in-this-jvm");
    var process = new ProcessBuilder(command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(target + ": the measuring JVM exited " + process.exitValue());
    }
  }

  private static McpTargets.Started start(String target, String node, Path peer)
      throws IOException, InterruptedException {
    return switch (target) {
      case "colony" -> McpTargets.colony();
      case "sdk" -> McpTargets.sdkOnly();
      case "sdk-stateless" -> McpTargets.sdkStateless();
      case "typescript" -> typescript(node, peer);
      default -> throw new IllegalArgumentException(target);
    };
  }

  /** Starts the TypeScript SDK's server on a free port and waits until it accepts connections. */
  private static McpTargets.Started typescript(String node, Path peer)
      throws IOException, InterruptedException {
    var script = peer.resolve("js/bench-server.mjs");
    if (!Files.isRegularFile(script) || !Files.isDirectory(peer.resolve("node_modules"))) {
      throw new IllegalStateException(
          "the TypeScript peer needs "
              + script
              + " and its node_modules: run 'npm ci' in "
              + peer
              + " (or pass --peer DIR)");
    }
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var process =
        new ProcessBuilder(node, script.toAbsolutePath().toString(), String.valueOf(port))
            .directory(peer.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (var socket = new Socket("127.0.0.1", port)) {
        break;
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "the TypeScript server did not start on port "
                  + port
                  + " (exit "
                  + (process.isAlive() ? "none" : process.exitValue())
                  + ")");
        }
        Thread.sleep(100);
      }
    }
    return new McpTargets.Started(
        port,
        () -> {
          process.destroy();
          process.waitFor();
        });
  }

  record Result(long calls, double seconds, long[] micros) {
    long percentile(double p) {
      if (micros.length == 0) {
        return 0;
      }
      int index = (int) Math.min(micros.length - 1, Math.ceil(p * micros.length) - 1);
      return micros[Math.max(0, index)];
    }
  }

  private static Result measure(int port, int clients, double warmup, double seconds)
      throws Exception {
    var url = URI.create("http://127.0.0.1:" + port + "/mcp/bench");
    var http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    // shutdownNow, not close: close waits for the server to end idle keep-alive connections.
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      long start = System.nanoTime();
      long measureFrom = start + (long) (warmup * 1e9);
      long until = measureFrom + (long) (seconds * 1e9);
      var lastEnd = new AtomicLong(measureFrom);
      var futures = new ArrayList<Future<long[]>>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> client(http, url, measureFrom, until, lastEnd)));
      }
      var all = new ArrayList<long[]>();
      for (var future : futures) {
        all.add(future.get());
      }
      var merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(merged.length, (lastEnd.get() - measureFrom) / 1e9, merged);
    } finally {
      http.shutdownNow();
    }
  }

  /** One client: a session, then calls until {@code until}; the latencies of measured calls. */
  private static long[] client(
      HttpClient http, URI url, long measureFrom, long until, AtomicLong lastEnd) throws Exception {
    var init = http.send(post(url, null, INITIALIZE), HttpResponse.BodyHandlers.ofString());
    if (init.statusCode() != 200 || !init.body().contains("\"result\"")) {
      throw new IllegalStateException(
          "initialize answered " + init.statusCode() + ": " + init.body());
    }
    // A stateless server gives no session.
    var session = init.headers().firstValue("mcp-session-id").orElse(null);
    http.send(
        post(url, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
        HttpResponse.BodyHandlers.discarding());
    var latencies = new long[1 << 16];
    int n = 0;
    for (long id = 1; ; id++) {
      long sent = System.nanoTime();
      if (sent >= until) {
        break;
      }
      var body =
          "{\"jsonrpc\":\"2.0\",\"id\":"
              + id
              + ",\"method\":\"tools/call\",\"params\":{\"name\":\"get_order\",\"arguments\":"
              + "{\"order_id\":\"1001\"}}}";
      var response = http.send(post(url, session, body), HttpResponse.BodyHandlers.ofString());
      long done = System.nanoTime();
      var text = response.body();
      if (response.statusCode() != 200
          || !text.contains("\"result\"")
          || text.contains("\"isError\":true")
          || !text.contains("SCARF-02")) {
        throw new IllegalStateException(
            "tools/call answered " + response.statusCode() + ": " + text);
      }
      if (sent >= measureFrom) {
        if (n == latencies.length) {
          latencies = Arrays.copyOf(latencies, n * 2);
        }
        latencies[n++] = (done - sent) / 1_000;
        lastEnd.accumulateAndGet(done, Math::max);
      }
    }
    return Arrays.copyOf(latencies, n);
  }

  private static HttpRequest post(URI url, String session, String body) {
    var request =
        HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer bench")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    return request.build();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
