package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Anthropic Messages API wire format. */
class AnthropicTests extends ProviderContract {

  @Override
  Map<String, String> environment(String serverUrl) {
    // ANTHROPIC_BASE_URL as the Anthropic SDKs read it: without /v1.
    return Map.of(
        "COLONY_MODEL", "anthropic:claude-sonnet-4-5",
        "ANTHROPIC_API_KEY", "sk-ant-test",
        "ANTHROPIC_BASE_URL", serverUrl);
  }

  @Override
  String recordings() {
    return "anthropic";
  }

  @Override
  String endpointPath() {
    return "/v1/messages";
  }

  @Override
  String answeringModel() {
    return "claude-sonnet-4-5-20250929";
  }

  @Override
  List<String> toolCallIds() {
    return List.of("toolu_01A09q90qw90lq917835lq9", "toolu_01B8kPq2zR5tY7uW1xV3cN6m");
  }

  @Override
  Recorded rejectedCredentials() {
    return new Recorded(401, "unauthorized.json", "authentication_error: invalid x-api-key");
  }

  @Override
  Recorded badRequest() {
    return new Recorded(
        400, "bad-request.json", "invalid_request_error: messages.2.content.0: unexpected");
  }

  @Override
  Recorded rateLimit() {
    return new Recorded(429, "rate-limit.json", "rate_limit_error: This request would exceed");
  }

  @Override
  void assertToolResultsSent(JsonNode sent, List<String> callIds) {
    JsonNode messages = sent.get("messages");
    assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(1).get("content").findValuesAsText("id")).isEqualTo(callIds);
    assertThat(messages.get(2))
        .isEqualTo(
            json(
                """
                {"role":"user","content":[
                  {"type":"tool_result","tool_use_id":"%s",
                   "content":"{\\"status\\":\\"shipped\\",\\"shipped_on\\":\\"2025-03-02\\"}"},
                  {"type":"tool_result","tool_use_id":"%s",
                   "content":"{\\"error\\":\\"customer C-42 is not visible to this agent\\"}",
                   "is_error":true}]}"""
                    .formatted(callIds.get(0), callIds.get(1))));
  }

  @Override
  void assertToolsOffered(JsonNode sent) {
    assertThat(sent.get("tools").get(0))
        .isEqualTo(
            json(
                """
                {"name":"orders_get_order",
                 "description":"Looks up an order by its number.",
                 "input_schema":{"type":"object",
                                 "properties":{"order_id":{"type":"string",
                                     "description":"Order number, for example A-1001",
                                     "pattern":"^A-[0-9]+$"}},
                                 "required":["order_id"]}}"""));
    assertThat(sent.get("tools").get(1).get("name").asText()).isEqualTo("customers_get_customer");
  }

  @Test
  void sendsSystemInstructionsApartFromMessages() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().json().at("/system/0/text").asText()).isEqualTo(Scenario.SYSTEM);
    assertThat(server.last().json().get("messages")).hasSize(1);
  }

  @Test
  void sendsKeyAndApiVersionHeaders() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().header("x-api-key")).isEqualTo("sk-ant-test");
    assertThat(server.last().header("anthropic-version")).isEqualTo("2023-06-01");
  }

  @Test
  void keepsTextThatComesWithToolCalls() {
    var response = answer("tool-calls.json", Scenario.question());

    assertThat(response.message().text()).isEqualTo("I'll look up the order and the customer.");
  }

  @Test
  void returnsArgumentsAsCompactJson() {
    var response = answer("tool-calls.json", Scenario.question());

    assertThat(response.message().toolCalls().get(0).arguments())
        .isEqualTo("{\"order_id\":\"A-1001\"}");
  }

  @Test
  void overloadIsRetryable() {
    ModelFailure failure = failure(new Recorded(529, "overloaded.json", "Overloaded"));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 529 overloaded_error: Overloaded");
  }

  @Test
  void sendsMalformedArgumentsFromAnEarlierTurnAsAnEmptyObject() {
    var call = new ToolCall("toolu_1", "orders.get_order", "{\"order_id\": \"A-1001\"");
    var request =
        new ModelRequest(
            Scenario.AGENT,
            List.of(
                new Message.User(Scenario.QUESTION),
                new Message.Assistant(null, List.of(call)),
                new Message.ToolResultMessage(
                    ToolResult.failure(call, "arguments are not valid JSON"))),
            Scenario.TOOLS);

    answer("after-tool-results.json", request);

    assertThat(server.last().json().at("/messages/1/content/0/input")).isEqualTo(json("{}"));
  }

  @Test
  void unsupportedSchemaIsNotSent() {
    var tool =
        new dev.colony.core.tool.ToolSpec(
            "orders.search",
            "Searches orders.",
            "[1, 2]",
            null,
            dev.colony.core.tool.RiskTier.READ);

    ModelFailure failure =
        catchThrowableOfType(
            ModelFailure.class,
            () ->
                client()
                    .chat(
                        new ModelRequest(
                            Scenario.AGENT, List.of(new Message.User("hi")), List.of(tool))));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("tool 'orders.search'", "must be a JSON object, got array");
    assertThat(server.received()).isEmpty();
  }
}
