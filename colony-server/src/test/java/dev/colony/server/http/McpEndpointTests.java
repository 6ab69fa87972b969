package dev.colony.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.examples.retail.RetailData;
import dev.colony.server.Node;
import dev.colony.server.NodeAuth;
import dev.colony.server.NodeConfig;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The node's MCP servers at /mcp/{server}, with the development issuer's tokens. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpEndpointTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path root;
  Node node;
  HttpApi api;

  @BeforeAll
  void start() {
    node = Node.open(NodeConfig.defaults().withDataDir(root).withEnvironment(Map.of()));
    api = HttpApi.start(node, "127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    api.close();
    node.close();
  }

  @BeforeEach
  void freshCase() {
    RetailData.reset(node.database().dataSource(), node.config().tenant());
  }

  private String token(String user, Set<String> scopes) {
    return NodeAuth.developmentToken(
        node.keys(), node.config().tenant(), user, scopes, Duration.ofMinutes(5));
  }

  private String token(String user) {
    return token(user, node.auth().allScopes());
  }

  private McpSyncClient client(String server, String token) {
    var transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + api.port())
            .endpoint("/mcp/" + server)
            .httpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token))
            .build();
    var client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    client.initialize();
    return client;
  }

  @Test
  void anMcpClientListsTheOrdersToolsAndGetsOrder1001WithItsTwoItems() {
    try (var client = client("orders", token("rep"))) {
      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .containsExactlyInAnyOrder("get_order", "get_shipments", "reship_item", "cancel_order");

      var result =
          client.callTool(new McpSchema.CallToolRequest("get_order", Map.of("order_id", "1001")));

      assertThat(result.isError()).isFalse();
      @SuppressWarnings("unchecked")
      var order = (Map<String, Object>) result.structuredContent();
      assertThat(order).containsEntry("orderId", "1001");
      assertThat((List<?>) order.get("items")).hasSize(2);
    }
  }

  @Test
  void anOrderIsReadableAsAResourceAndTheSupportPromptFillsIn() throws Exception {
    try (var client = client("orders", token("rep"))) {
      var order =
          client.readResource(new McpSchema.ReadResourceRequest("retail://orders/1001")).contents();
      var text = ((McpSchema.TextResourceContents) order.getFirst()).text();
      assertThat(JSON.readTree(text).path("items").size()).isEqualTo(2);

      var prompt =
          client.getPrompt(
              new McpSchema.GetPromptRequest(
                  "support-case", Map.of("order_id", "1001", "complaint", "charged twice")));
      assertThat(((McpSchema.TextContent) prompt.messages().getFirst().content()).text())
          .contains("order 1001")
          .contains("charged twice");
    }
  }

  @Test
  void aPersonWithoutTheReadScopeIsDeniedByPolicyAndTheLedgerRecordsIt() {
    try (var client = client("orders", token("rep", Set.of(NodeAuth.RUN)))) {
      var result =
          client.callTool(new McpSchema.CallToolRequest("get_order", Map.of("order_id", "1001")));

      assertThat(result.isError()).isTrue();
      assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
          .contains("denied by the gate");
    }
    assertThat(node.verifyLedger().ok()).isTrue();
  }

  @Test
  void aRefundOverMcpWaitsForAPersonAndRunsWhenApprovedOverRest() throws Exception {
    try (var client = client("payments", token("rep"))) {
      var waiting =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "refund_charge",
                  Map.of("charge_id", "CH-7782", "amount", 64, "reason", "charged twice")));

      @SuppressWarnings("unchecked")
      var structured = (Map<String, Object>) waiting.structuredContent();
      assertThat(structured).containsEntry("status", "waiting_for_approval");
      var approval = ((List<?>) structured.get("approvals")).getFirst().toString();
      var approved = send("POST", "/v1/approvals/" + approval + "/approve", token("manager"), "{}");
      assertThat(approved.statusCode()).isEqualTo(200);

      var outcome =
          client.readResource(
              new McpSchema.ReadResourceRequest((String) structured.get("resource")));
      var text = ((McpSchema.TextResourceContents) outcome.contents().getFirst()).text();
      assertThat(JSON.readTree(text).path("status").asText()).isEqualTo("completed");
      assertThat(JSON.readTree(text).path("isError").asBoolean()).isFalse();
      assertThat(JSON.readTree(text).path("result").toString()).contains("CH-7782");
    }
    assertThat(node.verifyLedger().ok()).isTrue();
  }

  @Test
  void withoutATokenTheEndpointAnswers401PointingAtItsProtectedResourceMetadata() throws Exception {
    var response = send("POST", "/mcp/orders", null, "{}");

    assertThat(response.statusCode()).isEqualTo(401);
    var metadataUrl =
        "http://127.0.0.1:" + api.port() + "/.well-known/oauth-protected-resource/mcp/orders";
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer resource_metadata=\"" + metadataUrl + "\"");

    var metadata =
        JSON.readTree(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(metadataUrl)).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(metadata.path("resource").asText())
        .isEqualTo("http://127.0.0.1:" + api.port() + "/mcp/orders");
    assertThat(metadata.path("scopes_supported").toString()).contains("colony:run");
  }

  @Test
  void aTokenWithoutColonyRunGets403InsufficientScope() throws Exception {
    var response = send("POST", "/mcp/orders", token("rep", Set.of(NodeAuth.READ)), "{}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"insufficient_scope\"")
        .contains("scope=\"colony:run\"");
  }

  @Test
  void aRequestForAnotherHostIsRefusedAsDnsRebindingProtectionAsks() throws Exception {
    var request =
        "POST /mcp/orders HTTP/1.1\r\nHost: evil.example.com\r\nAuthorization: Bearer "
            + token("rep")
            + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
            + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
    try (var socket = new java.net.Socket("127.0.0.1", api.port())) {
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      var status = new String(socket.getInputStream().readNBytes(12), "US-ASCII");
      assertThat(status).isEqualTo("HTTP/1.1 421");
    }
  }

  @Test
  void aPageOfAnotherOriginIsRefused() throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/mcp/orders"))
            .header("Authorization", "Bearer " + token("rep"))
            .header("Origin", "http://evil.example.com")
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anUnknownServersMetadataIsNotFound() throws Exception {
    var response = send("GET", "/.well-known/oauth-protected-resource/mcp/nope", null, null);

    assertThat(response.statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
