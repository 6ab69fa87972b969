package dev.colony.mcp.client;

import static dev.colony.mcp.client.Calls.call;
import static dev.colony.mcp.client.Calls.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.colony.core.InvalidInput;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class McpToolSourceResilienceTests {
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
  private final MutableClock clock = new MutableClock(START);
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    // Sources first, so that they end their sessions while the servers still answer.
    for (var resource : closing.reversed()) {
      if (resource instanceof McpToolSource) {
        resource.close();
      }
    }
    for (var resource : closing.reversed()) {
      if (!(resource instanceof McpToolSource)) {
        resource.close();
      }
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    closing.add(resource);
    return resource;
  }

  private McpToolSource source(McpServerRef ref, int failuresToOpen) {
    return closing(
        McpToolSource.builder(ref)
            .clock(clock)
            .resilience(
                settings ->
                    settings
                        .backoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .jitter(0)
                        .breaker(failuresToOpen, Duration.ofSeconds(30)))
            .build());
  }

  private static McpServerRef declared(int port) {
    return McpServerRef.http("github", HttpMcpServer.url(port))
        .withTiers(Map.of("search", RiskTier.READ, "create_issue", RiskTier.WRITE_LOW));
  }

  @Test
  void aSourceForAServerThatIsDownServesItsDeclaredToolsWithOpenSchemas() {
    var source = source(declared(HttpMcpServer.freePort()), 5);

    var tools = source.tools(Duration.ofSeconds(5));

    assertThat(tools)
        .extracting(tool -> tool.spec().name())
        .containsExactly("github.create_issue", "github.search");
    var search = named(tools, "github.search").spec();
    assertThat(search.inputSchema()).isEqualTo("{\"type\":\"object\"}");
    assertThat(search.tier()).isEqualTo(RiskTier.READ);
    assertThat(search.description()).contains("has not listed its tools");
    assertThat(named(tools, "github.create_issue").spec().tier()).isEqualTo(RiskTier.WRITE_LOW);
  }

  @Test
  void aCallToAServerThatIsDownFailsAtOnceSayingWhenItReconnects() {
    var source = source(declared(HttpMcpServer.freePort()), 5);
    var search = named(source.tools(Duration.ofSeconds(5)), "github.search");

    assertThatThrownBy(() -> call(search, "{\"query\":\"ants\"}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageStartingWith("MCP server 'github' is unreachable (last error: cannot connect")
        .hasMessageEndingWith(
            "so tool 'github.search' was not tried; it will try to reconnect at"
                + " 2026-03-01T09:00:01Z");
  }

  @Test
  void aServerThatStartsLaterIsUsedOnceTheBackoffHasPassed() {
    int port = HttpMcpServer.freePort();
    var source = source(declared(port), 5);
    var search = named(source.tools(Duration.ofSeconds(5)), "github.search");
    assertThatThrownBy(() -> call(search, "{\"query\":\"ants\"}")).isInstanceOf(ToolFailure.class);

    closing(HttpMcpServer.start(port, TestTools.standard()));
    clock.advance(Duration.ofSeconds(1));

    assertThat(Calls.json(call(search, "{\"query\":\"ants\"}").content()))
        .isEqualTo(Calls.json("{\"query\":\"ants\",\"hits\":[7,11]}"));
    assertThat(search.spec().inputSchema()).contains("\"required\":[\"query\"]");
  }

  @Test
  void theServersRealSpecsReplaceThePlaceholdersWhenItAnswersLate() {
    var opened = new CountDownLatch(1);
    var server = closing(HttpMcpServer.start(0, TestTools.standard(), opened));
    var source = source(declared(server.port()), 5);
    var search = named(source.tools(Duration.ofMillis(100)), "github.search");
    assertThat(search.spec().inputSchema()).isEqualTo("{\"type\":\"object\"}");

    opened.countDown();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(search.spec().description())
                    .isEqualTo("Searches the repository's issues."));
    assertThat(source.tools(Duration.ZERO))
        .extracting(tool -> tool.spec().name())
        .contains("github.echo", "github.broken");
  }

  @Test
  void aServerThatAcceptsButNeverAnswersStillGivesHandlersForDeclaredTools() throws IOException {
    var silent = closing(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    var ref =
        declared(silent.getLocalPort())
            .withTimeouts(Duration.ofSeconds(2), McpServerRef.DEFAULT_REQUEST_TIMEOUT);
    var source = source(ref, 5);

    var tools = source.tools(Duration.ofMillis(200));

    assertThat(tools)
        .extracting(tool -> tool.spec().name())
        .containsExactly("github.create_issue", "github.search");
  }

  @Test
  void theBreakerOpensAfterRepeatedFailuresAndSaysWhenItTriesAgain() {
    var source = source(declared(HttpMcpServer.freePort()), 3);
    var search = named(source.tools(Duration.ofSeconds(5)), "github.search");
    for (int i = 0; i < 2; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThatThrownBy(() -> call(search, "{\"query\":\"ants\"}"))
          .isInstanceOf(ToolFailure.class)
          .hasMessageStartingWith(
              "MCP server 'github' could not be reached for tool 'github.search': cannot"
                  + " connect");
    }

    assertThatThrownBy(() -> call(search, "{\"query\":\"ants\"}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageStartingWith("MCP server 'github' failed repeatedly (last error: cannot connect")
        .hasMessageEndingWith(
            "its circuit breaker is open, so tool 'github.search' was not tried; it will try"
                + " again at 2026-03-01T09:00:32Z");
  }

  @Test
  void aTrialCallAfterTheBreakerOpenedClosesItWhenTheServerIsBack() {
    int port = HttpMcpServer.freePort();
    var source = source(declared(port), 1);
    var search = named(source.tools(Duration.ofSeconds(5)), "github.search");
    assertThatThrownBy(() -> call(search, "{\"query\":\"ants\"}"))
        .hasMessageContaining("circuit breaker is open");

    closing(HttpMcpServer.start(port, TestTools.standard()));
    clock.advance(Duration.ofSeconds(31));

    assertThat(call(search, "{\"query\":\"ants\"}").error()).isFalse();
    assertThat(call(search, "{\"query\":\"bees\"}").content()).contains("bees");
  }

  @Test
  void aServerThatIsDownDoesNotAffectAnotherServersTools() {
    var up = closing(HttpMcpServer.start(0, TestTools.standard()));
    var down = source(declared(HttpMcpServer.freePort()), 1);
    var working = source(McpServerRef.http("tracker", up.url()), 1);

    var downTools = down.tools(Duration.ofSeconds(5));
    var workingTools = working.tools(Duration.ofSeconds(5));

    assertThatThrownBy(() -> call(named(downTools, "github.search"), "{\"query\":\"a\"}"))
        .isInstanceOf(ToolFailure.class);
    assertThat(call(named(workingTools, "tracker.search"), "{\"query\":\"a\"}").error()).isFalse();
  }

  @Test
  void resilienceSettingsThatCannotWorkAreRejectedWhenBuilding() {
    var builder = McpToolSource.builder(declared(HttpMcpServer.freePort()));

    assertThatThrownBy(() -> builder.resilience(r -> r.breaker(0, Duration.ofSeconds(1))).build())
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e -> assertThat(e.field()).isEqualTo("resilience.breaker.failures"));
    assertThatThrownBy(
            () ->
                builder
                    .resilience(
                        r ->
                            r.breaker(1, Duration.ofSeconds(1))
                                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
                    .build())
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.field()).isEqualTo("backoff.max"));
  }

  @Test
  void aClosedSourceRefusesCallsSayingSo() {
    var server = closing(HttpMcpServer.start(0, TestTools.standard()));
    var source = source(McpServerRef.http("github", server.url()), 5);
    var echo = named(source.tools(Duration.ofSeconds(5)), "github.echo");

    source.close();

    assertThatThrownBy(() -> call(echo, "{}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessage(
            "the tool source of MCP server 'github' is closed, so tool 'github.echo' was not"
                + " tried");
  }
}
