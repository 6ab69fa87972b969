package dev.colony.it.mcp;

import dev.colony.mcp.client.InMemoryToolPins;
import dev.colony.mcp.client.McpServerRef;
import dev.colony.mcp.client.McpToolSource;
import dev.colony.mcp.client.ToolPins;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Colony's MCP client ({@link McpToolSource}) as the client under test of the conformance suite's
 * client scenarios ({@code conformance client --command ...}, see {@link
 * McpConformanceClientTests}).
 *
 * <p>The suite starts a test server for a scenario, runs this program with the server's URL as its
 * last argument and the scenario's name in {@code MCP_CONFORMANCE_SCENARIO}, then checks what the
 * server saw. This program does what an agent's tool source does: it connects and lists the
 * server's tools ({@code initialize}, {@code tools/list}), then calls the tool the scenario is
 * about, if any, and checks the answer. It never does more than {@code McpToolSource} can: no OAuth
 * (a source sends at most a fixed bearer token), no elicitation, sampling or roots.
 *
 * <p>It prints what it did on standard output and exits 0 when every step gave what the scenario's
 * server should give, 1 when one did not, 2 when it was started wrongly.
 */
public final class ConformanceClient {
  private static final Duration LISTING = Duration.ofSeconds(20);

  /**
   * What to call in a scenario: a tool as the server lists it, its arguments, and text its answer
   * must hold.
   */
  record Call(String tool, String arguments, String expected) {}

  /** The call each scenario is about; scenarios not named here only connect and list tools. */
  static final Map<String, Call> CALLS =
      Map.of(
          "tools_call",
          new Call("add_numbers", "{\"a\":5,\"b\":3}", "The sum of 5 and 3 is 8"),
          "sse-retry",
          new Call("test_reconnection", "{}", "Reconnection test completed successfully"),
          "elicitation-sep1034-client-defaults",
          new Call("test_client_elicitation_defaults", "{}", "Elicitation completed"));

  /** The tool every {@code auth/...} scenario's server offers once the client is authorized. */
  static final Call AUTH_CALL = new Call("test-tool", "{}", "");

  private ConformanceClient() {}

  /** Runs the scenario named by {@code MCP_CONFORMANCE_SCENARIO} against {@code args[last]}. */
  public static void main(String[] args) {
    var scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
    if (args.length == 0 || scenario == null || scenario.isBlank()) {
      System.err.println(
          "usage: MCP_CONFORMANCE_SCENARIO=<scenario> java ... "
              + ConformanceClient.class.getName()
              + " <server-url>");
      System.exit(2);
    }
    int status;
    try {
      run(scenario, URI.create(args[args.length - 1]));
      status = 0;
    } catch (RuntimeException | AssertionError e) {
      System.out.println("FAILED: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.out.flush();
    System.exit(status);
  }

  private static void run(String scenario, URI url) {
    var call = scenario.startsWith("auth/") ? AUTH_CALL : CALLS.get(scenario);
    var ref =
        McpServerRef.http("conformance", url)
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
    var pins = new ObservedPins();
    try (var source = McpToolSource.builder(ref).pins(pins).build()) {
      var tools = source.tools(LISTING);
      if (!pins.loaded()) {
        throw new AssertionError(
            "McpToolSource did not take a tool listing from " + url + " (see its log on stderr)");
      }
      System.out.println(
          "scenario " + scenario + ": listed " + tools.stream().map(t -> t.spec().name()).toList());
      if (call == null) {
        return;
      }
      var handler = ToolCalls.named(tools, "conformance." + call.tool());
      var result = ToolCalls.call(handler, call.arguments());
      System.out.println("called " + call.tool() + ": " + result);
      if (result.error() || !result.content().contains(call.expected())) {
        throw new AssertionError(
            "tool " + call.tool() + " answered " + result + ", expected '" + call.expected() + "'");
      }
    }
  }

  /**
   * Pins in memory that tell whether the source took a listing. {@link McpToolSource#tools} gives
   * the same empty list for a server that lists no tools and for one whose listing failed; the
   * first listing a source takes loads the server's pins, so these tell the two apart.
   */
  static final class ObservedPins implements ToolPins {
    private final ToolPins pins = new InMemoryToolPins();
    private volatile boolean loaded;

    boolean loaded() {
      return loaded;
    }

    @Override
    public Optional<Map<String, String>> load(String server) {
      loaded = true;
      return pins.load(server);
    }

    @Override
    public void save(String server, Map<String, String> saved) {
      pins.save(server, saved);
    }
  }
}
