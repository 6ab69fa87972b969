package dev.colony.mcp.client;

import static dev.colony.mcp.client.Calls.call;
import static dev.colony.mcp.client.Calls.json;
import static dev.colony.mcp.client.Calls.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McpToolSourceStdioTests {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private McpToolSource source;
  @TempDir Path directory;

  @AfterEach
  void close() {
    if (source != null) {
      source.close();
    }
  }

  /** The test server as a child java process, on this test's class path. */
  private McpServerRef stdio(Map<String, String> env, String... args) {
    var java = ProcessHandle.current().info().command().orElseThrow();
    var command =
        new ArrayList<>(
            List.of(
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                StdioMcpServer.class.getName()));
    command.addAll(List.of(args));
    return McpServerRef.stdio("files", java, command, env)
        .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  private McpToolSource source(McpServerRef ref, ToolPins pins) {
    source =
        McpToolSource.builder(ref)
            .clock(clock)
            .pins(pins)
            .resilience(settings -> settings.backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)))
            .build();
    return source;
  }

  @Test
  void aStdioServersToolsAreListedWithTiersAndCalled() {
    var tools =
        source(stdio(Map.of()).withTiers(Map.of("env", RiskTier.READ)), new InMemoryToolPins())
            .tools(WAIT);

    assertThat(tools)
        .extracting(tool -> tool.spec().name())
        .contains("files.search", "files.create_issue", "files.env", "files.exit");
    assertThat(named(tools, "files.search").spec().tier()).isEqualTo(RiskTier.READ);
    assertThat(named(tools, "files.env").spec().tier()).isEqualTo(RiskTier.READ);
    assertThat(named(tools, "files.exit").spec().tier()).isEqualTo(RiskTier.WRITE_HIGH);
    assertThat(json(call(named(tools, "files.search"), "{\"query\":\"ants\"}").content()))
        .isEqualTo(json("{\"query\":\"ants\",\"hits\":[7,11]}"));
  }

  @Test
  void theRefsEnvironmentReachesTheChildProcess() {
    var tools =
        source(stdio(Map.of("COLONY_TEST_GREETING", "hello ants")), new InMemoryToolPins())
            .tools(WAIT);

    var result = call(named(tools, "files.env"), "{\"name\":\"COLONY_TEST_GREETING\"}");

    assertThat(json(result.content()))
        .isEqualTo(json("{\"name\":\"COLONY_TEST_GREETING\",\"value\":\"hello ants\"}"));
  }

  @Test
  void aServerWhoseProcessEndsIsStartedAgainOnceTheBackoffHasPassed() {
    var tools = source(stdio(Map.of()), new InMemoryToolPins()).tools(WAIT);

    assertThatThrownBy(() -> call(named(tools, "files.exit"), "{}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageContaining("MCP server 'files'")
        .hasMessageContaining("tool 'files.exit'");
    assertThatThrownBy(() -> call(named(tools, "files.echo"), "{\"n\":1}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageStartingWith("MCP server 'files' is unreachable")
        .hasMessageContaining("it will try to reconnect at 2026-03-01T09:00:0");

    clock.advance(Duration.ofSeconds(1));

    assertThat(call(named(tools, "files.echo"), "{\"n\":2}").content()).isEqualTo("{\"n\":2}");
  }

  @Test
  void aChangedInputSchemaIsNoticedWhenTheServerIsStartedAgain() throws IOException {
    var variant = directory.resolve("variant");
    Files.writeString(variant, "v1");
    var tools = source(stdio(Map.of(), variant.toString()), new InMemoryToolPins()).tools(WAIT);
    var create = named(tools, "files.create_issue");
    assertThat(call(create, "{\"title\":\"Ants\"}").error()).isFalse();

    Files.writeString(variant, "v2");
    assertThatThrownBy(() -> call(named(tools, "files.exit"), "{}"))
        .isInstanceOf(ToolFailure.class);
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> call(create, "{\"title\":\"Ants\",\"repo\":\"colony\"}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageStartingWith("tool 'files.create_issue' changed since it was approved");
    assertThat(source.pendingApprovals())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.tool()).isEqualTo("files.create_issue");
              assertThat(change.kind()).isEqualTo(ToolChange.Kind.CHANGED);
              assertThat(change.definition()).contains("\"required\":[\"title\",\"repo\"]");
            });
  }
}
