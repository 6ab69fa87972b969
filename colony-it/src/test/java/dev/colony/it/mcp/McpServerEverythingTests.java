package dev.colony.it.mcp;

import static dev.colony.it.mcp.ToolCalls.call;
import static dev.colony.it.mcp.ToolCalls.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolHandler;
import dev.colony.it.NodePeers;
import dev.colony.it.NodeServer;
import dev.colony.mcp.client.McpServerRef;
import dev.colony.mcp.client.McpToolSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Colony's MCP client ({@link McpToolSource}) against the reference server others wrote, the npm
 * package {@code @modelcontextprotocol/server-everything} at the version in package.json, run from
 * {@code node_modules}: the same {@link Contract} over stdio (the source starts the server) and
 * over Streamable HTTP (the test starts it on a free port; the server binds every interface, the
 * source reaches it on loopback).
 *
 * <p>The tools and answers expected here are read from the server's source. The source's manifest
 * raises {@code get-env} (annotated read-only, but it answers with every environment variable of
 * the server) to {@code CRITICAL}, and declares a tool the server does not have.
 */
class McpServerEverythingTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTRY =
      "node_modules/@modelcontextprotocol/server-everything/dist/index.js";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * The tools the server lists to a client that declares no capabilities (as Colony's does), with
   * the tier each gets from its {@code readOnlyHint}. Those that need the client's roots, sampling
   * or elicitation are registered only for clients that declare them.
   */
  private static final Map<String, RiskTier> SERVER_TOOLS = serverTools();

  /** A tool the manifest declares that the server does not have. */
  private static final String MISSING = "delete-everything";

  private static Map<String, RiskTier> serverTools() {
    var tools = new LinkedHashMap<String, RiskTier>();
    for (var name :
        List.of(
            "echo",
            "get-annotated-message",
            "get-env",
            "get-resource-links",
            "get-resource-reference",
            "get-structured-content",
            "get-sum",
            "get-tiny-image",
            "trigger-long-running-operation")) {
      tools.put("everything." + name, RiskTier.READ);
    }
    for (var name :
        List.of(
            "gzip-file-as-resource",
            "toggle-simulated-logging",
            "toggle-subscriber-updates",
            "simulate-research-query")) {
      tools.put("everything." + name, RiskTier.WRITE_HIGH);
    }
    return Map.copyOf(tools);
  }

  @Nested
  class OverStdio extends Contract {
    @Override
    McpServerRef ref() {
      return McpServerRef.stdio(
          "everything",
          "node",
          List.of(NodePeers.dir().resolve(ENTRY).toString(), "stdio"),
          Map.of());
    }
  }

  @Nested
  class OverStreamableHttp extends Contract {
    NodeServer server;

    @Override
    McpServerRef ref() {
      server =
          NodeServer.start(
              "server-everything-http", "PORT", List.of(ENTRY, "streamableHttp"), WAIT);
      return McpServerRef.http(
          "everything", URI.create("http://127.0.0.1:" + server.port() + "/mcp"));
    }

    @Override
    void stop() {
      if (server != null) {
        server.close();
      }
    }
  }

  /** What Colony's client does with the server, whatever the transport. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class Contract {
    McpToolSource source;
    List<ToolHandler> tools;

    /** The server to use, started if the transport needs it. */
    abstract McpServerRef ref();

    /** Stops what {@link #ref} started. */
    void stop() {}

    @BeforeAll
    void listTheServersTools() {
      NodePeers.require();
      var ref =
          ref()
              .withTimeouts(WAIT, WAIT)
              .withTiers(Map.of("get-env", RiskTier.CRITICAL, MISSING, RiskTier.READ));
      source = McpToolSource.builder(ref).build();
      tools = source.tools(WAIT);
    }

    @AfterAll
    void close() {
      try {
        if (source != null) {
          source.close();
        }
      } finally {
        stop();
      }
    }

    @Test
    void everyToolIsNamedAfterTheServerAndTheManifestsToolIsAddedToThem() {
      assertThat(tools)
          .extracting(tool -> tool.spec().name())
          .containsExactlyInAnyOrderElementsOf(
              concat(SERVER_TOOLS.keySet(), List.of("everything." + MISSING)));
    }

    @Test
    void readOnlyToolsAreReadAndOthersWriteHighUnlessTheManifestSaysOtherwise() {
      var expected = new LinkedHashMap<>(SERVER_TOOLS);
      expected.put("everything.get-env", RiskTier.CRITICAL);
      expected.put("everything." + MISSING, RiskTier.READ);

      var tiers =
          tools.stream()
              .collect(Collectors.toMap(tool -> tool.spec().name(), tool -> tool.spec().tier()));

      assertThat(tiers).isEqualTo(expected);
    }

    @Test
    void aToolsSpecCarriesTheServersDescriptionAndSchemas() {
      var echo = named(tools, "everything.echo").spec();
      var weather = named(tools, "everything.get-structured-content").spec();

      assertThat(echo.description()).isEqualTo("Echoes back the input string");
      assertThat(json(echo.inputSchema()).path("properties").path("message").path("type").asText())
          .isEqualTo("string");
      assertThat(json(echo.inputSchema()).path("required").toString()).isEqualTo("[\"message\"]");
      assertThat(echo.outputSchema()).isNull();
      assertThat(json(weather.outputSchema()).path("properties").fieldNames())
          .toIterable()
          .containsExactlyInAnyOrder("temperature", "conditions", "humidity");
    }

    @Test
    void echoAnswersWithItsTextContent() {
      var result = call(named(tools, "everything.echo"), "{\"message\":\"hello ants\"}");

      assertThat(result.error()).isFalse();
      assertThat(json(result.content()))
          .isEqualTo(json("{\"content\":[{\"type\":\"text\",\"text\":\"Echo: hello ants\"}]}"));
    }

    @Test
    void structuredContentIsTheResult() {
      var result =
          call(named(tools, "everything.get-structured-content"), "{\"location\":\"Chicago\"}");

      assertThat(result.error()).isFalse();
      assertThat(json(result.content()))
          .isEqualTo(
              json("{\"temperature\":36,\"conditions\":\"Light rain / drizzle\",\"humidity\":82}"));
    }

    @Test
    void imageContentIsPassedOnAsContentBlocks() {
      var result = call(named(tools, "everything.get-tiny-image"), "{}");

      var blocks = json(result.content()).path("content");
      assertThat(blocks).extracting(block -> block.path("type").asText()).contains("image");
      assertThat(blocks)
          .filteredOn(block -> block.path("type").asText().equals("image"))
          .singleElement()
          .satisfies(
              image -> {
                assertThat(image.path("mimeType").asText()).isEqualTo("image/png");
                assertThat(image.path("data").asText()).startsWith("iVBORw0KGgo");
              });
    }

    @Test
    void argumentsTheToolsSchemaRefusesComeBackAsAFailedResultWithTheServersReason() {
      var result = call(named(tools, "everything.get-sum"), "{\"a\":\"one\",\"b\":2}");

      assertThat(result.error()).isTrue();
      assertThat(json(result.content()).path("error").asText())
          .contains("Input validation error")
          .contains("get-sum")
          .contains("expected number, received string");
    }

    @Test
    void anArgumentTheToolDoesNotDeclareIsIgnoredByTheServer() {
      var result =
          call(named(tools, "everything.echo"), "{\"message\":\"hello\",\"colour\":\"red\"}");

      assertThat(result.error()).isFalse();
      assertThat(json(result.content()).path("content").path(0).path("text").asText())
          .isEqualTo("Echo: hello");
    }

    @Test
    void aToolThatNeedsTaskAugmentationIsListedButEveryCallFailsSayingSo() {
      var result = call(named(tools, "everything.simulate-research-query"), "{\"topic\":\"ants\"}");

      assertThat(result.error()).isTrue();
      assertThat(json(result.content()).path("error").asText())
          .contains("requires task augmentation");
    }

    @Test
    void aToolTheManifestDeclaresButTheServerDoesNotListFailsNamingWhatItOffers() {
      var missing = named(tools, "everything." + MISSING);

      assertThatThrownBy(() -> call(missing, "{}"))
          .isInstanceOf(ToolFailure.class)
          .hasMessageStartingWith(
              "MCP server 'everything' does not offer a tool named '" + MISSING + "'")
          .hasMessageContaining("echo, ");
    }
  }

  private static List<String> concat(Collection<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
