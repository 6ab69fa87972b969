package dev.colony.mcp.client;

import static dev.colony.mcp.client.Calls.call;
import static dev.colony.mcp.client.Calls.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class McpToolSourceHttpTests {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private HttpMcpServer server;
  private McpToolSource source;

  @BeforeEach
  void startServer() {
    var tools = new ArrayList<>(TestTools.standard());
    tools.add(TestTools.slow());
    server = HttpMcpServer.start(0, tools);
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    server.close();
  }

  private List<ToolHandler> tools(McpServerRef ref) {
    source = McpToolSource.builder(ref).build();
    return source.tools(WAIT);
  }

  @Test
  void toolsAreNamespacedAndCarryTheServersDescriptionAndSchemas() {
    var tools = tools(McpServerRef.http("github", server.url()));

    assertThat(tools)
        .extracting(tool -> tool.spec().name())
        .containsExactlyInAnyOrder(
            "github.search",
            "github.create_issue",
            "github.echo",
            "github.archive_note",
            "github.broken",
            "github.slow");
    var search = named(tools, "github.search").spec();
    assertThat(search.description()).isEqualTo("Searches the repository's issues.");
    assertThat(search.inputSchema())
        .contains("\"required\":[\"query\"]")
        .contains("\"query\":{\"type\":\"string\"}");
    assertThat(search.outputSchema()).contains("\"hits\":{\"type\":\"array\"}");
    assertThat(named(tools, "github.create_issue").spec().outputSchema()).isNull();
  }

  @Test
  void buildingASourceSendsNothingToTheServer() {
    source = McpToolSource.builder(McpServerRef.http("github", server.url())).build();

    assertThat(server.authorizations()).isEmpty();
  }

  @Test
  void malformedArgumentsFailBeforeAnythingIsSentSayingWhere() {
    var echo = named(tools(McpServerRef.http("github", server.url())), "github.echo");
    int requests = server.authorizations().size();

    assertThatThrownBy(() -> call(echo, "{\"text\": \"ants\",\n  oops}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageStartingWith("the arguments of tool 'github.echo' must be a JSON object: ")
        .hasMessageEndingWith("(line 2, column 3)");
    assertThatThrownBy(() -> call(echo, "[1, 2]"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageStartingWith("the arguments of tool 'github.echo' must be a JSON object");
    assertThat(server.authorizations()).hasSize(requests);
  }

  @Test
  void tiersComeFromTheManifestThenReadOnlyHintsThenDefaultToWriteHigh() {
    var ref =
        McpServerRef.http("github", server.url()).withTiers(Map.of("echo", RiskTier.WRITE_LOW));

    var tools = tools(ref);

    assertThat(named(tools, "github.echo").spec().tier()).isEqualTo(RiskTier.WRITE_LOW);
    assertThat(named(tools, "github.search").spec().tier()).isEqualTo(RiskTier.READ);
    assertThat(named(tools, "github.create_issue").spec().tier()).isEqualTo(RiskTier.WRITE_HIGH);
  }

  @Test
  void aManifestTierWinsOverAReadOnlyHint() {
    var ref =
        McpServerRef.http("github", server.url()).withTiers(Map.of("search", RiskTier.CRITICAL));

    assertThat(named(tools(ref), "github.search").spec().tier()).isEqualTo(RiskTier.CRITICAL);
  }

  @Test
  void structuredContentBecomesTheResultsJson() {
    var search = named(tools(McpServerRef.http("github", server.url())), "github.search");

    var result = call(search, "{\"query\":\"ants\"}");

    assertThat(result.error()).isFalse();
    assertThat(result.name()).isEqualTo("github.search");
    assertThat(Calls.json(result.content()))
        .isEqualTo(Calls.json("{\"query\":\"ants\",\"hits\":[7,11]}"));
  }

  @Test
  void argumentsReachTheServerAsTheModelWroteThem() {
    var echo = named(tools(McpServerRef.http("github", server.url())), "github.echo");

    var result = call(echo, "{\"text\":\"héllo \\\"ants\\\"\",\"count\":3,\"tags\":[\"a\",null]}");

    assertThat(result.content())
        .isEqualTo("{\"text\":\"héllo \\\"ants\\\"\",\"count\":3,\"tags\":[\"a\",null]}");
  }

  @Test
  void concurrentCallsEachGetTheirOwnAnswer() throws Exception {
    var echo = named(tools(McpServerRef.http("github", server.url())), "github.echo");

    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      var answers =
          IntStream.range(0, 16)
              .mapToObj(i -> threads.submit(() -> call(echo, "{\"n\":" + i + "}").content()))
              .toList();
      for (int i = 0; i < answers.size(); i++) {
        assertThat(answers.get(i).get()).isEqualTo("{\"n\":" + i + "}");
      }
    }
  }

  @Test
  void textContentComesBackAsReadableContentBlocks() {
    var create = named(tools(McpServerRef.http("github", server.url())), "github.create_issue");

    var result = call(create, "{\"title\":\"Ants in the kitchen\"}");

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .isEqualTo(
            "{\"content\":[{\"type\":\"text\",\"text\":\"opened issue #42: Ants in the kitchen\"}]}");
  }

  @Test
  void aToolErrorBecomesAFailedResultWithTheServersMessage() {
    var note = named(tools(McpServerRef.http("github", server.url())), "github.archive_note");

    var result = call(note, "{}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).isEqualTo("{\"error\":\"repository 'colony' is archived\"}");
  }

  @Test
  void aJsonRpcErrorFailsTheCallNamingServerAndTool() {
    var broken = named(tools(McpServerRef.http("github", server.url())), "github.broken");

    assertThatThrownBy(() -> call(broken, "{}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageContaining("MCP server 'github'")
        .hasMessageContaining("tool 'github.broken'")
        .hasMessageContaining("database is down");
  }

  @Test
  void aJsonRpcErrorDoesNotCountAgainstTheServer() {
    source =
        McpToolSource.builder(McpServerRef.http("github", server.url()))
            .resilience(settings -> settings.breaker(2, Duration.ofMinutes(1)))
            .build();
    var tools = source.tools(WAIT);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> call(named(tools, "github.broken"), "{}"))
          .isInstanceOf(ToolFailure.class);
    }

    assertThat(call(named(tools, "github.echo"), "{\"still\":\"up\"}").content())
        .isEqualTo("{\"still\":\"up\"}");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeFailsTheCallNamingServerAndTool() {
    var ref =
        McpServerRef.http("github", server.url())
            .withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(200));
    var slow = named(tools(ref), "github.slow");

    assertThatThrownBy(() -> call(slow, "{\"millis\":1000}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("MCP server 'github' did not answer tool 'github.slow' within 200 ms");
  }

  @Test
  void theBearerTokenIsAskedForAndSentOnEveryRequest() {
    var issued = new AtomicInteger();
    var ref =
        McpServerRef.http("github", server.url())
            .withBearerToken(() -> "token-" + issued.incrementAndGet());
    var echo = named(tools(ref), "github.echo");
    call(echo, "{}");

    assertThat(server.authorizations())
        .hasSizeGreaterThanOrEqualTo(3)
        .allMatch(header -> header.matches("Bearer token-[0-9]+"))
        .doesNotHaveDuplicates();
  }

  @Test
  void noAuthorizationIsSentWithoutATokenSupplier() {
    call(named(tools(McpServerRef.http("github", server.url())), "github.echo"), "{}");

    assertThat(server.authorizations()).isNotEmpty().containsOnly("(none)");
  }
}
