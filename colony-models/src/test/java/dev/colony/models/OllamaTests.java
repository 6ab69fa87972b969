package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.model.ModelFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Ollama {@code /api/chat} wire format, which gives tool calls no ids. */
class OllamaTests extends ProviderContract {

  @Override
  Map<String, String> environment(String serverUrl) {
    return Map.of("COLONY_MODEL", "ollama:llama3.2", "OLLAMA_BASE_URL", serverUrl);
  }

  @Override
  String recordings() {
    return "ollama";
  }

  @Override
  String endpointPath() {
    return "/api/chat";
  }

  @Override
  String answeringModel() {
    return "llama3.2";
  }

  @Override
  List<String> toolCallIds() {
    return List.of("call-1", "call-2");
  }

  @Override
  Recorded rejectedCredentials() {
    // ollama.com answers this to a missing or wrong key; a local server needs none.
    return new Recorded(401, "unauthorized.json", "HTTP 401: unauthorized");
  }

  @Override
  Recorded badRequest() {
    return new Recorded(
        400, "no-tool-support.json", "registry.ollama.ai/library/gemma:2b does not support tools");
  }

  @Override
  Recorded rateLimit() {
    return new Recorded(429, "rate-limit.json", "you have reached your hourly usage limit");
  }

  @Override
  void assertToolResultsSent(JsonNode sent, List<String> callIds) {
    JsonNode messages = sent.get("messages");
    assertThat(messages.get(2).get("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(2).get("tool_calls").findValuesAsText("name"))
        .containsExactly("orders_get_order", "customers_get_customer");
    // Ollama pairs results with calls by position.
    assertThat(messages.get(3))
        .isEqualTo(
            json(
                """
                {"role":"tool",
                 "content":"{\\"status\\":\\"shipped\\",\\"shipped_on\\":\\"2025-03-02\\"}"}"""));
    assertThat(messages.get(4))
        .isEqualTo(
            json(
                """
                {"role":"tool",
                 "content":"{\\"error\\":\\"customer C-42 is not visible to this agent\\"}"}"""));
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
    assertThat(sent.at("/tools/1/function/name").asText()).isEqualTo("customers_get_customer");
  }

  @Test
  void asksForOneResponseRatherThanAStream() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().json().get("stream").asBoolean()).isFalse();
  }

  @Test
  void busyServerIsRetryable() {
    ModelFailure failure =
        failure(new Recorded(503, "server-busy.json", "server busy, please try again."));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 503: server busy, please try again.");
  }

  @Test
  void missingModelIsNotRetryable() {
    ModelFailure failure =
        failure(new Recorded(404, "model-not-found.json", "model \"llama9\" not found"));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains("HTTP 404: model \"llama9\" not found, try pulling it first");
  }
}
