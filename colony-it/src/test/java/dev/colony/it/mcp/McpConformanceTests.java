package dev.colony.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.it.NodePeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The active server suite of the MCP conformance suite ({@code @modelcontextprotocol/conformance}
 * from npm) against Colony's MCP server ({@link ConformanceServer}). Every scenario must pass, but
 * those listed in {@code mcp-conformance-expected-failures.txt}, which must fail: a listed scenario
 * that passes is a stale line to remove.
 *
 * <p>The suite runs once, in one process, writing each scenario's checks to {@code
 * target/mcp-conformance/server-SCENARIO-TIMESTAMP/checks.json}; each scenario is then one test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpConformanceTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLI = "node_modules/@modelcontextprotocol/conformance/dist/index.js";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final Pattern RUNNING = Pattern.compile("^=== Running scenario: (\\S+) ===$");
  private static final Pattern SUITE =
      Pattern.compile("^Running active suite \\((\\d+) scenarios\\)");

  ConformanceServer server;
  Map<String, String> expectedFailures;
  NodePeers.Result run;
  Path results;
  List<String> scenarios;

  @BeforeAll
  void runTheSuite() throws IOException {
    NodePeers.require();
    expectedFailures = ExpectedFailures.read("/mcp-conformance-expected-failures.txt");
    results = NodePeers.dir().resolve("target/mcp-conformance");
    deleteRecursively(results);
    server = new ConformanceServer();
    run =
        NodePeers.run(
            "mcp-conformance-server",
            TIMEOUT,
            List.of(
                // Conformance 0.1.16 needs Node 22 to load; this lets it load on Node 20.
                "--import",
                "./js/node20/register.mjs",
                CLI,
                "server",
                "--url",
                server.url(),
                "--suite",
                "active",
                "--output-dir",
                results.toString()));
    scenarios =
        run.stdout()
            .lines()
            .map(RUNNING::matcher)
            .filter(Matcher::matches)
            .map(m -> m.group(1))
            .toList();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theSuiteRunsEveryActiveServerScenario() {
    var announced =
        run.stdout()
            .lines()
            .map(SUITE::matcher)
            .filter(Matcher::find)
            .map(m -> Integer.parseInt(m.group(1)))
            .findFirst();

    assertThat(announced).as("the suite's output:\n%s", run).isPresent();
    assertThat(scenarios).as("the suite's output:\n%s", run).hasSize(announced.orElseThrow());
    assertThat(scenarios).contains("server-initialize", "tools-list", "tools-call-error");
  }

  @Test
  void everyExpectedFailureNamesAScenarioTheSuiteRuns() {
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
    var checks = checks(scenario);
    assertThat(failures(checks))
        .as(
            "scenario '%s' failed (%s); if Colony's server cannot do this yet, list it in"
                + " mcp-conformance-expected-failures.txt with the reason",
            scenario, checksFile(scenario))
        .isEmpty();
    assertThat(statuses(checks)).as("scenario '%s': %s", scenario, checks).contains("SUCCESS");
  }

  private void assertFailsAsExpected(String scenario) {
    assertThat(failures(checks(scenario)))
        .as(
            "scenario '%s' passes now: remove it from mcp-conformance-expected-failures.txt",
            scenario)
        .isNotEmpty();
  }

  private List<String> checks(String scenario) {
    var file = checksFile(scenario);
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

  private static List<String> failures(List<String> checks) {
    return checks.stream().filter(c -> c.startsWith("FAILURE ")).toList();
  }

  private static List<String> statuses(List<String> checks) {
    return checks.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
  }

  /** The checks.json the suite wrote for {@code scenario}; fails if it wrote none. */
  private Path checksFile(String scenario) {
    var name = Pattern.compile("server-" + Pattern.quote(scenario) + "-\\d{4}-\\d{2}-\\d{2}T.*");
    try (var dirs = Files.list(results)) {
      var dir =
          dirs.filter(d -> name.matcher(d.getFileName().toString()).matches())
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the suite wrote no results for scenario '"
                              + scenario
                              + "' under "
                              + results
                              + ":\n"
                              + run));
      return dir.resolve("checks.json");
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + results, e);
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

  /** The expected-failures file: a scenario and why it fails, one a line; '#' starts a comment. */
  static final class ExpectedFailures {
    private ExpectedFailures() {}

    static Map<String, String> read(String resource) throws IOException {
      try (var in = McpConformanceTests.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no test resource " + resource);
        }
        var out = new LinkedHashMap<String, String>();
        var lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines();
        var number = 0;
        for (var line : (Iterable<String>) lines::iterator) {
          number++;
          var text = line.strip();
          if (text.isEmpty() || text.startsWith("#")) {
            continue;
          }
          var parts = text.split("\\s+", 2);
          if (parts.length < 2 || parts[1].isBlank()) {
            throw new IllegalStateException(
                resource + " line " + number + ": '" + parts[0] + "' needs a reason after it");
          }
          if (out.put(parts[0], parts[1].strip()) != null) {
            throw new IllegalStateException(
                resource + " line " + number + ": '" + parts[0] + "' is listed twice");
          }
        }
        return out;
      }
    }
  }
}
