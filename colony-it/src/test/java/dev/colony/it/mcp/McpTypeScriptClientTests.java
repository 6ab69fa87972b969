package dev.colony.it.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.it.NodePeers;
import dev.colony.server.Node;
import dev.colony.server.NodeAuth;
import dev.colony.server.NodeConfig;
import dev.colony.server.http.HttpApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's MCP server {@code orders} driven by the TypeScript SDK's client ({@code
 * js/mcp-client.mjs}, on {@code @modelcontextprotocol/sdk} from npm) over Streamable HTTP, with the
 * node's development tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpTypeScriptClientTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path root;
  Node node;
  HttpApi api;
  JsonNode session;
  JsonNode refused;

  @BeforeAll
  void start() {
    NodePeers.require();
    node = Node.open(NodeConfig.defaults().withDataDir(root).withEnvironment(Map.of()));
    api = HttpApi.start(node, "127.0.0.1", 0);
    var token =
        NodeAuth.developmentToken(
            node.keys(),
            node.config().tenant(),
            "rep",
            node.auth().allScopes(),
            Duration.ofMinutes(10));
    session = client("session", token);
    refused = client("no-token", "--no-token");
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private String url() {
    return "http://127.0.0.1:" + api.port() + "/mcp/orders";
  }

  /** Runs the script and parses the one JSON object it prints. */
  private JsonNode client(String name, String token) {
    var result =
        NodePeers.run("mcp-client-" + name, TIMEOUT, List.of("js/mcp-client.mjs", url(), token));
    assertThat(result.exit()).as("the TypeScript client failed:\n%s", result).isZero();
    try {
      return JSON.readTree(result.stdout());
    } catch (Exception e) {
      throw new AssertionError("the TypeScript client printed no JSON object:\n" + result, e);
    }
  }

  private static String text(JsonNode callResult) {
    var texts = new ArrayList<String>();
    callResult.path("content").forEach(c -> texts.add(c.path("text").asText()));
    return String.join("\n", texts);
  }

  @Test
  void theClientNegotiatesProtocol20251125AndGetsASession() {
    assertThat(session.path("protocolVersion").asText()).as("%s", session).isEqualTo("2025-11-25");
    assertThat(session.path("serverInfo").path("name").asText()).isEqualTo("colony-orders");
    assertThat(session.path("sessionId").asText()).isNotBlank();
    assertThat(session.path("ping").has("error")).as("ping: %s", session.path("ping")).isFalse();
    assertThat(session.path("terminated").asBoolean())
        .as("DELETE of the session: %s", session.path("terminated"))
        .isTrue();
  }

  @Test
  void theClientListsTheOrdersToolsWithHintsFromTheirTiers() {
    var tools = session.path("tools");
    assertThat(tools.isArray()).as("tools/list: %s", tools).isTrue();
    var names = new ArrayList<String>();
    tools.forEach(t -> names.add(t.path("name").asText()));
    assertThat(names)
        .containsExactlyInAnyOrder("get_order", "get_shipments", "reship_item", "cancel_order");

    var getOrder = tool(tools, "get_order");
    assertThat(getOrder.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
    assertThat(getOrder.path("annotations").path("destructiveHint").asBoolean()).isFalse();
    assertThat(getOrder.path("hasOutputSchema").asBoolean()).isTrue();
    var cancel = tool(tools, "cancel_order");
    assertThat(cancel.path("annotations").path("readOnlyHint").asBoolean()).isFalse();
    assertThat(cancel.path("annotations").path("destructiveHint").asBoolean())
        .as("cancel_order: %s", cancel)
        .isTrue();
  }

  private static JsonNode tool(JsonNode tools, String name) {
    for (var tool : tools) {
      if (tool.path("name").asText().equals(name)) {
        return tool;
      }
    }
    throw new AssertionError("no tool '" + name + "' in " + tools);
  }

  @Test
  void getOrder1001ReturnsItsTwoItemsAsStructuredContentTheSdkValidated() {
    var order = session.path("order");
    assertThat(order.has("error"))
        .as("callTool, which validates structuredContent against the outputSchema: %s", order)
        .isFalse();
    assertThat(order.path("isError").asBoolean()).isFalse();
    assertThat(order.path("structuredContent").path("orderId").asText()).isEqualTo("1001");
    assertThat(order.path("structuredContent").path("items").size()).isEqualTo(2);
    assertThat(text(order)).contains("1001");
  }

  @Test
  void badArgumentsComeBackAsAnErrorResultNamingOrderId() {
    var bad = session.path("badArguments");
    assertThat(bad.has("error")).as("get_order with order_id 'abc': %s", bad).isFalse();
    assertThat(bad.path("isError").asBoolean()).as("%s", bad).isTrue();
    assertThat(text(bad)).contains("order_id");
  }

  @Test
  void theClientReadsOrder1001ThroughTheOrdersResourceTemplate() {
    var templates = new ArrayList<String>();
    session.path("resourceTemplates").forEach(t -> templates.add(t.path("uriTemplate").asText()));
    assertThat(templates)
        .as("resources/templates/list: %s", session.path("resourceTemplates"))
        .contains("retail://orders/{order_id}", "colony://calls/{call}");

    var read = resourceRead("retail://orders/1001");
    assertThat(read.has("error")).as("resources/read: %s", read).isFalse();
    var contents = read.path("contents").get(0);
    assertThat(contents.path("uri").asText()).isEqualTo("retail://orders/1001");
    assertThat(contents.path("text").asText()).contains("\"orderId\":\"1001\"");
  }

  private JsonNode resourceRead(String uri) {
    for (var read : session.path("resourceReads")) {
      if (read.path("uri").asText().equals(uri)) {
        return read.path("result");
      }
    }
    throw new AssertionError("the client did not read " + uri + ": " + session);
  }

  @Test
  void everyPromptTheServerListsRendersWithTheArgumentsGiven() {
    var gets = session.path("promptGets");
    assertThat(gets.size()).as("prompts/list: %s", session.path("prompts")).isPositive();
    for (var get : gets) {
      var result = get.path("result");
      assertThat(result.has("error")).as("prompts/get %s: %s", get.path("name"), result).isFalse();
      var text = result.path("messages").get(0).path("content").path("text").asText();
      get.path("arguments")
          .properties()
          .forEach(a -> assertThat(text).contains(a.getValue().asText()));
    }
  }

  @Test
  void withoutATokenTheClientIsRefusedWith401NamingTheResourceMetadata() {
    assertThat(refused.path("connected").asBoolean()).as("%s", refused).isFalse();
    assertThat(refused.path("error").path("code").asInt())
        .as("the SDK's error: %s", refused.path("error"))
        .isEqualTo(401);
    var first = refused.path("responses").get(0);
    assertThat(first.path("status").asInt()).isEqualTo(401);
    assertThat(first.path("wwwAuthenticate").asText()).contains("resource_metadata=");
    var metadataUrl =
        "http://127.0.0.1:" + api.port() + "/.well-known/oauth-protected-resource/mcp/orders";
    assertThat(first.path("resourceMetadataUrl").asText())
        .as("resource_metadata as the SDK parses the challenge")
        .isEqualTo(metadataUrl);
  }

  @Test
  void theSdkDiscoversAndAcceptsTheProtectedResourceMetadata() {
    var metadata = refused.path("protectedResourceMetadata");
    assertThat(metadata.has("error")).as("discovery: %s", metadata).isFalse();
    assertThat(metadata.path("resource").asText()).isEqualTo(url());
    assertThat(metadata.path("scopes_supported").toString()).contains("colony:run");
  }
}
