package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.model.ModelFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Amazon Bedrock Converse API wire format, through the AWS SDK with an endpoint override. */
class BedrockTests extends ProviderContract {
  static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";

  @Override
  Map<String, String> environment(String serverUrl) {
    return Map.of(
        "COLONY_MODEL", "bedrock:" + MODEL,
        "AWS_REGION", "eu-west-1",
        "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", serverUrl);
  }

  @Override
  String recordings() {
    return "bedrock";
  }

  @Override
  String endpointPath() {
    return "/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse";
  }

  @Override
  String answeringModel() {
    return MODEL; // Converse responses do not name the model.
  }

  @Override
  List<String> toolCallIds() {
    return List.of("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "tooluse_3nVb8hT1Qm2xPz6yW0cR5A");
  }

  @Override
  Recorded rejectedCredentials() {
    return new Recorded(
        403,
        "unrecognized-client.json",
        errorType("UnrecognizedClientException", "com.amazon.coral.service"),
        "UnrecognizedClientException: The security token included in the request is invalid.");
  }

  @Override
  Recorded badRequest() {
    return new Recorded(
        400,
        "validation.json",
        errorType("ValidationException", "com.amazon.bedrock"),
        "ValidationException: The model returned the following errors");
  }

  @Override
  Recorded rateLimit() {
    return new Recorded(
        429,
        "throttling.json",
        errorType("ThrottlingException", "com.amazon.bedrock"),
        "ThrottlingException: Too many requests, please wait before trying again.");
  }

  private static Map<String, String> errorType(String type, String namespace) {
    return Map.of(
        "x-amzn-ErrorType",
        type + ":http://internal.amazon.com/coral/" + namespace + "/",
        "x-amzn-RequestId",
        "7f2b9c1e-4d3a-4e8b-9c6f-1a2b3c4d5e6f");
  }

  @Override
  void assertToolResultsSent(JsonNode sent, List<String> callIds) {
    JsonNode messages = sent.get("messages");
    assertThat(messages.get(1).get("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(1).get("content").findValuesAsText("toolUseId")).isEqualTo(callIds);
    assertThat(messages.get(2))
        .isEqualTo(
            json(
                """
                {"role":"user","content":[
                  {"toolResult":{"toolUseId":"%s","content":[
                    {"text":"{\\"status\\":\\"shipped\\",\\"shipped_on\\":\\"2025-03-02\\"}"}]}},
                  {"toolResult":{"toolUseId":"%s","content":[
                    {"text":"{\\"error\\":\\"customer C-42 is not visible to this agent\\"}"}]}}]}"""
                    .formatted(callIds.get(0), callIds.get(1))));
  }

  @Override
  void assertToolsOffered(JsonNode sent) {
    assertThat(sent.at("/toolConfig/tools/0"))
        .isEqualTo(
            json(
                """
                {"toolSpec":{"name":"orders_get_order",
                             "description":"Looks up an order by its number.",
                             "inputSchema":{"json":{"type":"object",
                                 "properties":{"order_id":{"type":"string",
                                     "description":"Order number, for example A-1001",
                                     "pattern":"^A-[0-9]+$"}},
                                 "required":["order_id"]}}}}"""));
    assertThat(sent.at("/toolConfig/tools/1/toolSpec/name").asText())
        .isEqualTo("customers_get_customer");
  }

  @Test
  void signsWithTheGivenCredentialsAndRegion() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().header("Authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
        .contains("/eu-west-1/bedrock/aws4_request");
  }

  @Test
  void sendsSystemInstructionsApartFromMessages() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().json().at("/system/0/text").asText()).isEqualTo(Scenario.SYSTEM);
    assertThat(server.last().json().get("messages")).hasSize(1);
  }

  @Test
  void serviceUnavailableIsRetryable() {
    ModelFailure failure =
        failure(
            new Recorded(
                503,
                "service-unavailable.json",
                errorType("ServiceUnavailableException", "com.amazon.bedrock"),
                "ServiceUnavailableException"));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 503", "Bedrock is unable to process");
  }
}
