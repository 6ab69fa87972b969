package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Gemini API {@code generateContent} wire format, which gives function calls no ids. */
class GeminiTests extends ProviderContract {

  @Override
  Map<String, String> environment(String serverUrl) {
    return Map.of(
        "COLONY_MODEL", "gemini:gemini-2.5-flash",
        "GEMINI_API_KEY", "AIza-test",
        "GEMINI_BASE_URL", serverUrl + "/v1beta");
  }

  @Override
  String recordings() {
    return "gemini";
  }

  @Override
  String endpointPath() {
    return "/v1beta/models/gemini-2.5-flash:generateContent";
  }

  @Override
  String answeringModel() {
    return "gemini-2.5-flash";
  }

  @Override
  List<String> toolCallIds() {
    return List.of("call-1", "call-2");
  }

  @Override
  Recorded rejectedCredentials() {
    // Gemini answers a bad key with 400 INVALID_ARGUMENT, not 401.
    return new Recorded(
        400, "api-key-invalid.json", "INVALID_ARGUMENT: API key not valid. Please pass a valid");
  }

  @Override
  Recorded badRequest() {
    return new Recorded(
        400,
        "bad-request.json",
        "INVALID_ARGUMENT: Please ensure that function call turn comes immediately after");
  }

  @Override
  Recorded rateLimit() {
    return new Recorded(
        429, "resource-exhausted.json", "RESOURCE_EXHAUSTED: You exceeded your current quota");
  }

  @Override
  void assertToolResultsSent(JsonNode sent, List<String> callIds) {
    JsonNode contents = sent.get("contents");
    assertThat(contents).hasSize(3);
    assertThat(contents.get(1).get("role").asText()).isEqualTo("model");
    assertThat(contents.get(1).get("parts").findValuesAsText("name"))
        .containsExactly("orders_get_order", "customers_get_customer");
    // Results of parallel calls go back together, in one content.
    assertThat(contents.get(2))
        .isEqualTo(
            json(
                """
                {"role":"user","parts":[
                  {"functionResponse":{"id":"%s","name":"orders_get_order","response":
                    {"response":"{\\"status\\":\\"shipped\\",\\"shipped_on\\":\\"2025-03-02\\"}"}}},
                  {"functionResponse":{"id":"%s","name":"customers_get_customer","response":
                    {"response":"{\\"error\\":\\"customer C-42 is not visible to this agent\\"}"}}}]}"""
                    .formatted(callIds.get(0), callIds.get(1))));
  }

  @Override
  void assertToolsOffered(JsonNode sent) {
    // Gemini takes an OpenAPI schema subset: bounds it cannot hold go into the description.
    assertThat(sent.at("/tools/0/functionDeclarations/0"))
        .isEqualTo(
            json(
                """
                {"name":"orders_get_order",
                 "description":"Looks up an order by its number.",
                 "parameters":{"type":"OBJECT",
                               "properties":{"order_id":{"type":"STRING",
                                   "description":"Order number, for example A-1001 (pattern ^A-[0-9]+$)"}},
                               "required":["order_id"]}}"""));
    assertThat(sent.at("/tools/0/functionDeclarations/1/name").asText())
        .isEqualTo("customers_get_customer");
  }

  @Test
  void sendsTheKeyInTheApiKeyHeader() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().header("x-goog-api-key")).isEqualTo("AIza-test");
  }

  @Test
  void sendsSystemInstructionsApartFromContents() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().json().at("/systemInstruction/parts/0/text").asText())
        .isEqualTo(Scenario.SYSTEM);
    assertThat(server.last().json().get("contents")).hasSize(1);
  }

  @Test
  void marksEarlierFunctionCallsAsHavingNoThoughtSignature() {
    answer("after-tool-results.json", Scenario.afterToolResults("call-1", "call-2"));

    JsonNode parts = server.last().json().at("/contents/1/parts");
    assertThat(parts.get(0).get("thoughtSignature").asText())
        .isEqualTo("skip_thought_signature_validator");
    assertThat(parts.get(1).has("thoughtSignature")).isFalse();
  }

  @Test
  void overloadIsRetryable() {
    ModelFailure failure =
        failure(new Recorded(503, "unavailable.json", "UNAVAILABLE: The model is overloaded."));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 503 UNAVAILABLE: The model is overloaded.");
  }

  @Test
  void toolWhosePropertyAcceptsAnyValueIsRejectedBeforeSending() {
    var tool =
        new ToolSpec(
            "orders.annotate",
            "Adds a note to an order.",
            "{\"type\":\"object\",\"properties\":{\"note\":{}}}",
            null,
            RiskTier.WRITE_LOW);

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
        .contains("gemini:gemini-2.5-flash", "tool 'orders.annotate'", "'/properties/note'");
    assertThat(server.received()).isEmpty();
  }
}
