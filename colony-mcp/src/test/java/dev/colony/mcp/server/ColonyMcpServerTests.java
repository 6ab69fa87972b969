package dev.colony.mcp.server;

import static dev.colony.mcp.server.McpServerFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ColonyMcpServerTests {
  private final McpServerFixture fx = new McpServerFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void toolsAreListedWithAnnotationsFromTheirTiers() {
    try (var client = fx.client("alice")) {
      var tools = client.listTools().tools();

      assertThat(tools)
          .extracting(McpSchema.Tool::name)
          .containsExactly("get_order", "refund_charge");
      var read = tools.getFirst();
      assertThat(read.annotations().readOnlyHint()).isTrue();
      assertThat(read.annotations().destructiveHint()).isFalse();
      assertThat(read.outputSchema()).containsEntry("type", "object");
      assertThat(read.inputSchema())
          .extractingByKey("properties")
          .asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsKey("order_id");
      var write = tools.get(1);
      assertThat(write.annotations().readOnlyHint()).isFalse();
      assertThat(write.annotations().destructiveHint()).isTrue();
      assertThat(write.outputSchema()).isNull();
      assertThat(write.meta()).containsEntry("dev.colony/tier", "WRITE_HIGH");
    }
  }

  @Test
  void aReadCallAnswersWithStructuredContentAndRunsAsTheCallingUser() {
    try (var client = fx.client("alice")) {
      var result =
          client.callTool(new McpSchema.CallToolRequest("get_order", Map.of("order_id", "1001")));

      assertThat(result.isError()).isFalse();
      assertThat(result.structuredContent())
          .isEqualTo(Map.of("id", "1001", "items", List.of("LAMP-01", "SCARF-02"), "total", 64.0));
      assertThat(fx.tools.count("get_order")).isEqualTo(1);
      assertThat(fx.tools.lastCaller).isEqualTo("alice");
    }
  }

  @Test
  void argumentsThatBreakTheSchemaAreAToolErrorNamingTheFieldAndTheToolNeverRuns() {
    try (var client = fx.client("alice")) {
      var result =
          client.callTool(new McpSchema.CallToolRequest("get_order", Map.of("order_id", "abc")));

      assertThat(result.isError()).isTrue();
      assertThat(text(result)).contains("order_id");
      assertThat(fx.tools.count("get_order")).isZero();
    }
  }

  @Test
  void anUnknownToolIsAnInvalidParamsError() {
    try (var client = fx.client("alice")) {
      assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("wipe", Map.of())))
          .isInstanceOfSatisfying(
              McpError.class,
              e ->
                  assertThat(e.getJsonRpcError().code())
                      .isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
      assertThat(fx.runs.list(TENANT, null, 10)).isEmpty();
    }
  }

  @Test
  void aCallThatNeedsApprovalAnswersAtOnceThatItWaitsAndRunsWhenApproved() {
    try (var client = fx.client("alice")) {
      var waiting =
          client.callTool(
              new McpSchema.CallToolRequest(
                  "refund_charge", Map.of("charge_id", "CH-7782", "amount", 64)));

      assertThat(waiting.isError()).isFalse();
      @SuppressWarnings("unchecked")
      var structured = (Map<String, Object>) waiting.structuredContent();
      assertThat(structured).containsEntry("status", "waiting_for_approval");
      var approval = fx.approvals.list(TENANT, ApprovalStatus.PENDING, 10).getFirst();
      assertThat(structured.get("approvals")).isEqualTo(List.of(approval.id().value()));
      assertThat(text(waiting)).contains(approval.id().value());
      assertThat(fx.tools.count("refund_charge")).isZero();
      var resource = (String) structured.get("resource");
      assertThat(read(client, resource)).contains("\"status\":\"waiting_for_approval\"");

      fx.runtime.approve(TENANT, ApprovalId.of(approval.id().value()), "manager", "duplicate");

      assertThat(fx.tools.count("refund_charge")).isEqualTo(1);
      assertThat(read(client, resource))
          .contains("\"status\":\"completed\"")
          .contains("\"chargeId\":\"CH-7782\"");
    }
  }

  @Test
  void anotherUserCannotReadACallsOutcome() {
    String resource;
    try (var alice = fx.client("alice")) {
      var waiting =
          alice.callTool(
              new McpSchema.CallToolRequest(
                  "refund_charge", Map.of("charge_id", "CH-7782", "amount", 64)));
      @SuppressWarnings("unchecked")
      var structured = (Map<String, Object>) waiting.structuredContent();
      resource = (String) structured.get("resource");
    }
    try (var bob = fx.client("bob")) {
      assertThatThrownBy(() -> read(bob, resource))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("no call");
    }
  }

  @Test
  void resourcesTemplatesAndPromptsAreServed() {
    try (var client = fx.client("alice")) {
      assertThat(client.listResources().resources())
          .extracting(McpSchema.Resource::uri)
          .containsExactly("shop://policies/refunds");
      assertThat(read(client, "shop://policies/refunds")).contains("500 EUR");
      assertThat(client.listResourceTemplates().resourceTemplates())
          .extracting(McpSchema.ResourceTemplate::uriTemplate)
          .contains("shop://orders/{order_id}", "colony://calls/{call}");
      assertThat(read(client, "shop://orders/1001")).isEqualTo("{\"id\":\"1001\"}");
      assertThatThrownBy(() -> read(client, "shop://orders/9"))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("shop://orders/9");
      var prompt =
          client.getPrompt(
              new McpSchema.GetPromptRequest("duplicate-charge", Map.of("order_id", "1001")));
      assertThat(((McpSchema.TextContent) prompt.messages().getFirst().content()).text())
          .isEqualTo("Was order 1001 charged twice?");
      assertThatThrownBy(
              () -> client.getPrompt(new McpSchema.GetPromptRequest("duplicate-charge", Map.of())))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("order_id");
    }
  }

  @Test
  void aToolResourceIsReadThroughTheGateAsTheReader() {
    try (var client = fx.client("alice")) {
      assertThat(client.listResourceTemplates().resourceTemplates())
          .extracting(McpSchema.ResourceTemplate::uriTemplate)
          .contains("shop://live/orders/{order_id}");

      assertThat(read(client, "shop://live/orders/1001")).contains("\"id\":\"1001\"");
      assertThat(fx.tools.count("get_order")).isEqualTo(1);
      assertThat(fx.tools.lastCaller).isEqualTo("alice");
      assertThatThrownBy(() -> read(client, "shop://live/orders/abc"))
          .isInstanceOf(McpError.class)
          .hasMessageContaining("order_id");
      assertThat(fx.tools.count("get_order")).isEqualTo(1);
    }
  }

  @Test
  void aResourceBackedByAToolThatWritesIsRefusedWhenTheServerIsBuilt() {
    var spec =
        McpServerSpec.builder("bad")
            .toolResource(new McpToolResource("x://{charge_id}", "x", "x", "refund_charge"))
            .build();
    var builder =
        dev.colony.runtime.AgentRuntime.builder()
            .stores(
                new dev.colony.testing.InMemoryRunStore(),
                new dev.colony.testing.InMemoryApprovalStore(),
                new dev.colony.testing.InMemoryEffectStore())
            .models(agent -> null)
            .tools(new ShopTools());
    var runtime = ColonyMcpServer.register(builder, List.of(spec)).build();

    assertThatThrownBy(() -> ColonyMcpServer.http(spec, runtime, a -> null, "/mcp/bad", "/m"))
        .isInstanceOf(dev.colony.core.InvalidInput.class)
        .hasMessageContaining("refund_charge")
        .hasMessageContaining("only READ tools");
  }

  @Test
  void aRequestWithoutATokenGets401WithAChallengeNamingTheResourceMetadata() throws Exception {
    var response = post(null, initialize());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith(
            "Bearer resource_metadata=\"http://127.0.0.1/.well-known/oauth-protected-resource/mcp/shop\"");
    assertThat(fx.runs.list(TENANT, null, 10)).isEmpty();
  }

  @Test
  void anInvalidTokenGets401InvalidToken() throws Exception {
    var response = post("forged", initialize());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"invalid_token\"");
  }

  @Test
  void aTokenWithoutTheScopeGets403InsufficientScope() throws Exception {
    var response = post("carol", initialize());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("error=\"insufficient_scope\"")
        .contains("scope=\"colony:run\"");
  }

  @Test
  void malformedJsonRpcIsABadRequest() throws Exception {
    var response = post("alice", "{\"jsonrpc\":\"2.0\",\"method\":");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("Invalid message format");
  }

  @Test
  void anOversizedBodyIsRefusedWith413() throws Exception {
    var response =
        post("alice", "{\"pad\":\"" + "x".repeat(ColonyMcpServer.MAX_REQUEST_BYTES) + "\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(fx.runs.list(TENANT, null, 10)).isEmpty();
  }

  private static String initialize() {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
        + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  }

  private HttpResponse<String> post(String token, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(fx.url()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try (var http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static String read(io.modelcontextprotocol.client.McpSyncClient client, String uri) {
    var contents = client.readResource(new McpSchema.ReadResourceRequest(uri)).contents();
    return ((McpSchema.TextResourceContents) contents.getFirst()).text();
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().getFirst()).text();
  }
}
