package dev.colony.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.it.NodePeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every client scenario of the MCP conformance suite ({@code @modelcontextprotocol/conformance}
 * from npm, as {@code conformance list --client} names them) against Colony's MCP client, driven by
 * {@link ConformanceClient}. Every scenario must pass, but those listed in {@code
 * mcp-conformance-client-expected-failures.txt}, which must fail: a listed scenario that passes is
 * a stale line to remove.
 *
 * <p>A scenario passes when the suite says so: no failed or warning check, and the client exited 0
 * in time ({@code conformance client --scenario} exits 0). The scenarios run two at a time, one
 * {@code conformance client} process each; each writes its checks and the client's output to {@code
 * target/mcp-conformance-client/SCENARIO-TIMESTAMP/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpConformanceClientTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLI = "node_modules/@modelcontextprotocol/conformance/dist/index.js";
  // Conformance 0.1.16 needs Node 22 to load; this lets it load on Node 20.
  private static final List<String> NODE20 = List.of("--import", "./js/node20/register.mjs");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final String CLIENT_TIMEOUT_MS = "60000";
  private static final int AT_A_TIME = 2;
  private static final Pattern LISTED = Pattern.compile("^\\s+- (\\S+) \\[.*\\]$");
  private static final Pattern SAVED = Pattern.compile("^Results saved to (.+)$");

  Map<String, String> expectedFailures;
  List<String> scenarios;
  Map<String, NodePeers.Result> runs;
  Path results;

  @BeforeAll
  void runEveryClientScenario() throws IOException, InterruptedException {
    NodePeers.require();
    expectedFailures =
        McpConformanceTests.ExpectedFailures.read("/mcp-conformance-client-expected-failures.txt");
    results = NodePeers.dir().resolve("target/mcp-conformance-client");
    deleteRecursively(results);
    Files.createDirectories(results);
    var list = node("mcp-conformance-client-list", List.of("list", "--client"));
    assertThat(list.exit()).as("%s", list).isZero();
    scenarios =
        list.stdout()
            .lines()
            .map(LISTED::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1))
            .toList();
    var command = clientCommand();
    runs = new LinkedHashMap<>();
    try (var pool = Executors.newFixedThreadPool(AT_A_TIME)) {
      var pending = new LinkedHashMap<String, Future<NodePeers.Result>>();
      for (var scenario : scenarios) {
        pending.put(scenario, pool.submit(() -> run(scenario, command)));
      }
      for (var entry : pending.entrySet()) {
        try {
          runs.put(entry.getKey(), entry.getValue().get());
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "scenario '" + entry.getKey() + "' could not be run: " + e.getCause(), e);
        }
      }
    }
  }

  @Test
  void theSuiteListsTheCoreClientScenarios() {
    assertThat(scenarios).contains("initialize", "tools_call", "sse-retry");
    assertThat(scenarios).anyMatch(scenario -> scenario.startsWith("auth/"));
  }

  @Test
  void everyExpectedFailureNamesAScenarioTheSuiteHas() {
    assertThat(scenarios).containsAll(expectedFailures.keySet());
  }

  @TestFactory
  Stream<DynamicTest> eachScenarioPassesUnlessItIsAnExpectedFailure() {
    return scenarios.stream()
        .map(
            scenario -> {
              var reason = expectedFailures.get(scenario);
              return reason == null
                  ? dynamicTest(scenario + " passes", () -> assertPasses(scenario))
                  : dynamicTest(
                      scenario + " fails as expected: " + reason,
                      () -> assertFailsAsExpected(scenario));
            });
  }

  private void assertPasses(String scenario) {
    var run = runs.get(scenario);
    var checks = checks(scenario);
    assertThat(run.exit())
        .as(
            "scenario '%s' failed; if Colony's client cannot do this yet, list it in"
                + " mcp-conformance-client-expected-failures.txt with the reason.\nchecks:\n%s\n%s",
            scenario, String.join("\n", checks), run)
        .isZero();
    assertThat(checks).as("scenario '%s'", scenario).anyMatch(c -> c.startsWith("SUCCESS "));
  }

  private void assertFailsAsExpected(String scenario) {
    var run = runs.get(scenario);
    assertThat(run.exit())
        .as(
            "scenario '%s' passes now: remove it from mcp-conformance-client-expected-failures.txt",
            scenario)
        .isNotZero();
    assertThat(checks(scenario))
        .as("scenario '%s' wrote no checks:\n%s", scenario, run)
        .isNotEmpty();
    assertThat(clientOutput(scenario))
        .as(
            "Colony's client did not run in scenario '%s', so it failed for another reason",
            scenario)
        .containsAnyOf("scenario " + scenario + ": listed", "FAILED: ");
  }

  private NodePeers.Result run(String scenario, String command) {
    return node(
        "mcp-conformance-client-" + scenario.replace('/', '-'),
        List.of(
            "client",
            "--command",
            command,
            "--scenario",
            scenario,
            "--timeout",
            CLIENT_TIMEOUT_MS,
            "--output-dir",
            results.toString()));
  }

  private static NodePeers.Result node(String name, List<String> arguments) {
    var all = new ArrayList<>(NODE20);
    all.add(CLI);
    all.addAll(arguments);
    return NodePeers.run(name, TIMEOUT, all);
  }

  /**
   * The command the suite runs: this JVM's java on this test's class path, through an argument
   * file. The suite splits the command at spaces, so no part of it may hold one.
   */
  private String clientCommand() throws IOException {
    var java = ProcessHandle.current().info().command().orElseThrow();
    var arguments = results.resolve("client.args");
    Files.writeString(
        arguments, "-cp \"" + System.getProperty("java.class.path").replace("\\", "\\\\") + "\"\n");
    var command =
        String.join(
            " ",
            java,
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "@" + arguments,
            ConformanceClient.class.getName());
    if (java.contains(" ") || arguments.toString().contains(" ")) {
      throw new IllegalStateException(
          "the conformance suite splits its --command at spaces, so it cannot run " + command);
    }
    return command;
  }

  /** Where the suite wrote the results of {@code scenario}; fails if it wrote none. */
  private Path resultDir(String scenario) {
    var run = runs.get(scenario);
    return run.stderr()
        .lines()
        .map(SAVED::matcher)
        .filter(Matcher::matches)
        .map(m -> Path.of(m.group(1)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "the suite wrote no results for scenario '" + scenario + "':\n" + run));
  }

  /** What {@link ConformanceClient} printed in {@code scenario}. */
  private String clientOutput(String scenario) {
    var file = resultDir(scenario).resolve("stdout.txt");
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  /** The checks the suite wrote for {@code scenario}, as "STATUS id: message" lines. */
  private List<String> checks(String scenario) {
    var file = resultDir(scenario).resolve("checks.json");
    try {
      var out = new ArrayList<String>();
      for (JsonNode check : JSON.readTree(file.toFile())) {
        out.add(
            check.path("status").asText()
                + " "
                + check.path("id").asText()
                + (check.hasNonNull("errorMessage")
                    ? ": " + check.path("errorMessage").asText()
                    : ""));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
