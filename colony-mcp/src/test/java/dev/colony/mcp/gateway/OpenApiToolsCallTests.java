package dev.colony.mcp.gateway;

import static dev.colony.mcp.gateway.Fixtures.call;
import static dev.colony.mcp.gateway.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.tool.ToolFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls reach a real HTTP API on loopback, and its answers come back as results. */
class OpenApiToolsCallTests {
  private final FakeApi api = new FakeApi();

  @AfterEach
  void stopApi() {
    api.close();
  }

  private OpenApiTools.Builder orders() {
    return OpenApiTools.builder(Fixtures.path(Fixtures.YAML_30)).baseUrl(api.url("/api"));
  }

  @Test
  void getOrderPutsThePathValueIntoThePathAsOneEncodedSegment() {
    api.json("GET /api/orders/a%2Fb%20c", 200, "{\"id\": \"a/b c\", \"status\": \"open\"}");

    var result = call(orders().build().tool("getOrder"), "{\"orderId\": \"a/b c\"}");

    var seen = api.next();
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.rawPath()).isEqualTo("/api/orders/a%2Fb%20c");
    assertThat(result.error()).isFalse();
    assertThat(json(result.content())).isEqualTo(json("{\"id\": \"a/b c\", \"status\": \"open\"}"));
  }

  @Test
  void listOrdersSendsQueryValuesArraysAsRepeatedKeysAndHeaderParameters() {
    api.json("GET /api/orders", 200, "[{\"id\": \"1\"}]");

    var result =
        call(
            orders().build().tool("listOrders"),
            "{\"status\": \"open\", \"limit\": 5, \"tag\": [\"gift\", \"rush & fast\"],"
                + " \"X-Request-Id\": \"req-7\"}");

    var seen = api.next();
    assertThat(seen.rawQuery()).isEqualTo("status=open&limit=5&tag=gift&tag=rush%20%26%20fast");
    assertThat(seen.header("X-Request-Id")).isEqualTo("req-7");
    assertThat(seen.header("Idempotency-Key")).isNull();
    assertThat(json(result.content())).isEqualTo(json("{\"result\": [{\"id\": \"1\"}]}"));
  }

  @Test
  void optionalQueryParametersThatAreLeftOutAreNotSent() {
    api.json("GET /api/orders", 200, "[]");

    call(orders().build().tool("listOrders"), "{\"status\": null}");

    assertThat(api.next().rawQuery()).isNull();
  }

  @Test
  void createOrderPostsTheBodyAsJsonWithTheCallsIdempotencyKey() {
    api.json("POST /api/orders", 201, "{\"id\": \"9\", \"status\": \"open\", \"items\": []}");

    var result =
        call(
            orders().build().tool("createOrder"),
            "{\"body\": {\"items\": [{\"sku\": \"A-1\", \"quantity\": 2}]}}",
            "run-1:call-1");

    var seen = api.next();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.header("Content-Type")).isEqualTo("application/json");
    assertThat(seen.header("Idempotency-Key")).isEqualTo("run-1:call-1");
    assertThat(json(seen.body()))
        .isEqualTo(json("{\"items\": [{\"sku\": \"A-1\", \"quantity\": 2}]}"));
    assertThat(json(result.content()).get("id").asText()).isEqualTo("9");
  }

  @Test
  void anEmptySuccessfulResponseIsItsStatus() {
    api.answer("DELETE /api/orders/42", 204, null, "");

    var result = call(orders().build().tool("deleteOrder"), "{\"orderId\": \"42\"}");

    assertThat(api.next().method()).isEqualTo("DELETE");
    assertThat(result.error()).isFalse();
    assertThat(json(result.content())).isEqualTo(json("{\"status\": 204}"));
  }

  @Test
  void aTextResponseComesBackWithItsStatusAndContentType() {
    api.answer("GET /api/orders/42/receipt", 200, "text/plain; charset=utf-8", "Total: 12 €");

    var result = call(orders().build().tool("get_orders_orderId_receipt"), "{\"orderId\": \"42\"}");

    assertThat(json(result.content()))
        .isEqualTo(
            json(
                "{\"status\": 200, \"contentType\": \"text/plain; charset=utf-8\","
                    + " \"body\": \"Total: 12 €\"}"));
  }

  @Test
  void aBinaryResponseIsDescribedNotShown() {
    api.answer("GET /api/orders/42/receipt", 200, "application/pdf", "%PDF-1.7 ...");

    var result = call(orders().build().tool("get_orders_orderId_receipt"), "{\"orderId\": \"42\"}");

    assertThat(json(result.content()))
        .isEqualTo(json("{\"status\": 200, \"contentType\": \"application/pdf\", \"size\": 12}"));
  }

  @Test
  void staticHeadersAreSentAndTheBearerTokenIsReadForEachCall() {
    var issued = new AtomicInteger();
    var tools =
        orders()
            .header("X-Api-Key", "k-123")
            .bearerToken(() -> "token-" + issued.incrementAndGet())
            .build();
    api.json("GET /api/orders/1", 200, "{}");

    call(tools.tool("getOrder"), "{\"orderId\": \"1\"}");
    call(tools.tool("getOrder"), "{\"orderId\": \"1\"}");

    var first = api.next();
    assertThat(first.header("X-Api-Key")).isEqualTo("k-123");
    assertThat(first.header("Authorization")).isEqualTo("Bearer token-1");
    assertThat(api.next().header("Authorization")).isEqualTo("Bearer token-2");
  }

  @Test
  void aHeaderParameterTheGatewaySetsItselfIsNotAnArgumentAndCannotBeOverridden() {
    var tools = orders().header("X-Request-Id", "gateway-id").build();
    assertThat(
            json(tools.tool("listOrders").spec().inputSchema())
                .at("/properties/X-Request-Id")
                .isMissingNode())
        .isTrue();
    api.json("GET /api/orders", 200, "[]");

    call(tools.tool("listOrders"), "{\"X-Request-Id\": \"model-id\"}");

    assertThat(api.next().header("X-Request-Id")).isEqualTo("gateway-id");
  }

  @Test
  void notFoundIsAFailureWithMethodPathStatusAndBody() {
    api.json("GET /api/orders/nope", 404, "{\"error\": \"no order nope\"}");

    var result = call(orders().build().tool("getOrder"), "{\"orderId\": \"nope\"}");

    assertThat(result.error()).isTrue();
    assertThat(json(result.content()).get("error").asText())
        .isEqualTo("GET /api/orders/nope returned HTTP 404: {\"error\": \"no order nope\"}");
  }

  @Test
  void aServerErrorIsAFailureWithTheStartOfALongBody() {
    var body = "boom " + "x".repeat(5000);
    api.answer("POST /api/orders", 500, "text/plain", body);

    var result =
        call(
            orders().build().tool("createOrder"),
            "{\"body\": {\"items\": [{\"sku\": \"A\", \"quantity\": 1}]}}");

    var message = json(result.content()).get("error").asText();
    assertThat(result.error()).isTrue();
    assertThat(message).startsWith("POST /api/orders returned HTTP 500: boom xxx");
    assertThat(message).endsWith("… (5005 bytes)").hasSizeLessThan(600);
  }

  @Test
  void anUpstreamThatDoesNotAnswerInTimeIsAToolFailureNamingTheOperationAndUpstream() {
    api.stall("GET /api/orders/slow");
    var tool = orders().timeout(Duration.ofMillis(300)).build().tool("getOrder");

    assertThatThrownBy(() -> call(tool, "{\"orderId\": \"slow\"}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageContaining("tool 'getOrder' (GET /orders/{orderId})")
        .hasMessageContaining(api.url("").toString())
        .hasMessageContaining("no response within 300 ms");
  }

  @Test
  void anUpstreamThatRefusesConnectionsIsAToolFailure() {
    int port;
    try (var closed = new FakeApi()) {
      port = closed.port();
    }
    var tool =
        OpenApiTools.builder(Fixtures.path(Fixtures.YAML_30))
            .baseUrl("http://127.0.0.1:" + port + "/api")
            .build()
            .tool("getOrder");

    assertThatThrownBy(() -> call(tool, "{\"orderId\": \"1\"}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessageContaining("tool 'getOrder'")
        .hasMessageContaining("http://127.0.0.1:" + port)
        .hasMessageContaining("the request failed: ConnectException");
  }

  @Test
  void aResponseDeclaredLargerThanTheLimitIsAFailure() {
    var big = new byte[64 * 1024];
    Arrays.fill(big, (byte) 'a');
    api.answer("GET /api/orders/big", new FakeApi.Answer(200, "text/plain", big, false));
    var tool = orders().maxResponseBytes(1024).build().tool("getOrder");

    var result = call(tool, "{\"orderId\": \"big\"}");

    assertThat(result.error()).isTrue();
    assertThat(json(result.content()).get("error").asText())
        .isEqualTo("GET /api/orders/big: the response body is larger than the limit of 1024 bytes");
  }

  @Test
  void aStreamedResponseThatGrowsPastTheLimitFails() {
    var big = "[" + "1,".repeat(100_000) + "1]";
    api.answer(
        "GET /api/orders/big",
        new FakeApi.Answer(200, "application/json", big.getBytes(StandardCharsets.UTF_8), true));
    var tool = orders().maxResponseBytes(4096).build().tool("getOrder");

    var result = call(tool, "{\"orderId\": \"big\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("larger than the limit of 4096 bytes");
  }

  @Test
  void aMissingPathParameterIsAFailureNamingIt() {
    var result = call(orders().build().tool("getOrder"), "{}");

    assertThat(result.error()).isTrue();
    assertThat(json(result.content()).get("error").asText())
        .isEqualTo(
            "getOrder: arguments.orderId: missing; the path parameter 'orderId' is required");
  }

  @Test
  void aPathValueThatWouldClimbOutOfThePathIsRefused() {
    var result = call(orders().build().tool("deleteOrder"), "{\"orderId\": \"..\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("arguments.orderId", "must not be empty, '.' or '..'");
  }

  @Test
  void aMissingRequiredBodyIsAFailure() {
    var result = call(orders().build().tool("createOrder"), "{}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("arguments.body: missing");
  }

  @Test
  void argumentsThatAreNotAJsonObjectAreAFailure() {
    var result = call(orders().build().tool("getOrder"), "[\"42\"]");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("arguments of 'getOrder' must be a JSON object");
  }

  @Test
  void aNestedValueForAQueryParameterIsAFailureNamingIt() {
    var result = call(orders().build().tool("listOrders"), "{\"tag\": [[\"a\"]]}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("arguments.tag", "got a nested array");
  }

  @Test
  void aHeaderValueThatWouldInjectAnotherHeaderIsRefused() {
    var result =
        call(orders().build().tool("listOrders"), "{\"X-Request-Id\": \"a\\r\\nX-Admin: yes\"}");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("arguments.X-Request-Id", "cannot be sent");
    assertThat(api.received()).isZero();
  }

  @Test
  void aStaticHeaderWhoseValueIsInvalidFailsWithoutShowingTheValue() {
    var tool = orders().bearerToken(() -> "secret\nX-Admin: yes").build().tool("getOrder");

    assertThatThrownBy(() -> call(tool, "{\"orderId\": \"1\"}"))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("the value of upstream header 'Authorization' is not a valid header value");
    assertThat(api.received()).isZero();
  }
}
