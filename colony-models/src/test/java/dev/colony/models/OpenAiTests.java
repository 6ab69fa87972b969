package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI Chat Completions wire format, as OpenAI and OpenAI-compatible servers speak it. */
class OpenAiTests extends ProviderContract {

  @Override
  Map<String, String> environment(String serverUrl) {
    return Map.of(
        "COLONY_MODEL", "openai:gpt-4.1",
        "OPENAI_API_KEY", "sk-test",
        "OPENAI_BASE_URL", serverUrl + "/v1");
  }

  @Override
  String recordings() {
    return "openai";
  }

  @Override
  String endpointPath() {
    return "/v1/chat/completions";
  }

  @Override
  String answeringModel() {
    return "gpt-4.1-2025-04-14";
  }

  @Override
  List<String> toolCallIds() {
    return List.of("call_Xk2B7pQ9mN4vR1sT8uW3yZ6a", "call_Lm5C8dE2fG7hJ0kP3qR6sV9b");
  }

  @Override
  Recorded rejectedCredentials() {
    return new Recorded(401, "unauthorized.json", "Incorrect API key provided");
  }

  @Override
  Recorded badRequest() {
    return new Recorded(
        400, "bad-request.json", "messages with role 'tool' must be a response to a preceeding");
  }

  @Override
  Recorded rateLimit() {
    return new Recorded(429, "rate-limit.json", "Rate limit reached for gpt-4.1");
  }

  @Override
  void assertToolResultsSent(JsonNode sent, List<String> callIds) {
    JsonNode messages = sent.get("messages");
    assertThat(messages.get(2).get("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(2).get("tool_calls").findValuesAsText("id")).isEqualTo(callIds);
    assertThat(messages.get(3))
        .isEqualTo(
            json(
                """
                {"role":"tool","tool_call_id":"%s",
                 "content":"{\\"status\\":\\"shipped\\",\\"shipped_on\\":\\"2025-03-02\\"}"}"""
                    .formatted(callIds.get(0))));
    assertThat(messages.get(4))
        .isEqualTo(
            json(
                """
                {"role":"tool","tool_call_id":"%s",
                 "content":"{\\"error\\":\\"customer C-42 is not visible to this agent\\"}"}"""
                    .formatted(callIds.get(1))));
  }

  @Override
  void assertToolsOffered(JsonNode sent) {
    assertThat(sent.get("tools").get(0))
        .isEqualTo(
            json(
                """
                {"type":"function",
                 "function":{"name":"orders_get_order",
                             "description":"Looks up an order by its number.",
                             "parameters":{"type":"object",
                                           "properties":{"order_id":{"type":"string",
                                               "description":"Order number, for example A-1001",
                                               "pattern":"^A-[0-9]+$"}},
                                           "required":["order_id"]}}}"""));
    assertThat(sent.get("tools").get(1).get("function").get("name").asText())
        .isEqualTo("customers_get_customer");
  }

  @Test
  void keepsMalformedArgumentsAsTheModelWroteThem() {
    var response = answer("llama-cpp-malformed-arguments.json", Scenario.question());

    assertThat(response.message().toolCalls().get(0).arguments())
        .isEqualTo("{\"order_id\": \"A-1001\"");
  }

  @Test
  void renumbersRepeatedToolCallIds() {
    var response = answer("llama-cpp-malformed-arguments.json", Scenario.question());

    assertThat(response.message().toolCalls())
        .extracting(ToolCall::id)
        .containsExactly("0", "call-2");
  }

  @Test
  void sendsMalformedArgumentsBackAsTheModelWroteThem() {
    var call = new ToolCall("0", "orders.get_order", "{\"order_id\": \"A-1001\"");
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

    assertThat(server.last().json().at("/messages/1/tool_calls/0/function/arguments").asText())
        .isEqualTo("{\"order_id\": \"A-1001\"");
  }

  @Test
  void sendsTheApiKeyAsBearerToken() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().header("Authorization")).isEqualTo("Bearer sk-test");
  }

  @Test
  void talksToALocalServerWithoutAKey() {
    server.reply(200, "openai/text.json");
    var client =
        ModelClients.fromEnvironment(
                Map.of(
                    "COLONY_MODEL",
                    "openai:qwen2.5-7b-instruct",
                    "OPENAI_BASE_URL",
                    server.url() + "/v1"))
            .orElseThrow();

    client.chat(Scenario.hello());

    assertThat(server.last().header("Authorization")).isNull();
  }

  @Test
  void proxyErrorPageIsRetryableAndQuoted() {
    server.reply(502, "openai/bad-gateway.html", Map.of("Content-Type", "text/html"));

    var failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            dev.colony.core.model.ModelFailure.class, () -> client().chat(Scenario.hello()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 502", "502 Bad Gateway");
  }
}
