package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.model.Usage;
import dev.colony.core.tool.ToolCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every provider's client does, checked against that provider's recorded exchanges served from
 * a loopback server: the scenario in {@link Scenario}, an error the caller must fix, and a rate
 * limit.
 */
abstract class ProviderContract {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A recorded error reply and the provider's message it carries. */
  record Recorded(int status, String file, Map<String, String> headers, String message) {
    Recorded(int status, String file, String message) {
      this(status, file, Map.of(), message);
    }
  }

  final RecordedServer server = new RecordedServer();

  /** Variables that point this provider at {@code serverUrl}, {@code COLONY_MODEL} included. */
  abstract Map<String, String> environment(String serverUrl);

  /** The folder under {@code recorded/}. */
  abstract String recordings();

  /** Where the provider's chat endpoint lives. */
  abstract String endpointPath();

  /** The model name the recorded text answer reports. */
  abstract String answeringModel();

  /** The ids the client reports for the recorded tool calls. */
  abstract List<String> toolCallIds();

  abstract Recorded rejectedCredentials();

  abstract Recorded badRequest();

  abstract Recorded rateLimit();

  /** Checks the two tool results of {@link Scenario#afterToolResults} as the client sent them. */
  abstract void assertToolResultsSent(JsonNode sent, List<String> callIds);

  /** Checks the two tools of {@link Scenario#TOOLS} as the client offered them. */
  abstract void assertToolsOffered(JsonNode sent);

  @AfterEach
  void stopServer() {
    server.close();
  }

  ModelClient client() {
    return ModelClients.fromEnvironment(environment(server.url())).orElseThrow();
  }

  ModelResponse answer(String recording, dev.colony.core.model.ModelRequest request) {
    server.reply(200, recordings() + "/" + recording);
    return client().chat(request);
  }

  ModelFailure failure(Recorded recorded) {
    server.reply(recorded.status(), recordings() + "/" + recorded.file(), recorded.headers());
    return catchThrowableOfType(ModelFailure.class, () -> client().chat(Scenario.hello()));
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void answersWithTextAndUsage() {
    ModelResponse response = answer("text.json", Scenario.hello());

    assertThat(response.message()).isEqualTo(Message.Assistant.text(Scenario.GREETING));
    assertThat(response.usage()).isEqualTo(new Usage(21, 12));
  }

  @Test
  void reportsTheModelThatAnswered() {
    ModelResponse response = answer("text.json", Scenario.hello());

    assertThat(response.model()).isEqualTo(answeringModel());
  }

  @Test
  void postsToTheProvidersChatEndpoint() {
    answer("text.json", Scenario.hello());

    assertThat(server.last().method()).isEqualTo("POST");
    assertThat(server.last().path()).isEqualTo(endpointPath());
  }

  @Test
  void returnsSeveralToolCallsFromOneResponseUnderColonyNames() {
    ModelResponse response = answer("tool-calls.json", Scenario.question());

    assertThat(response.message().toolCalls())
        .extracting(ToolCall::id, ToolCall::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(toolCallIds().get(0), "orders.get_order"),
            org.assertj.core.groups.Tuple.tuple(toolCallIds().get(1), "customers.get_customer"));
  }

  @Test
  void returnsEachToolCallsArguments() {
    ModelResponse response = answer("tool-calls.json", Scenario.question());

    assertThat(response.message().toolCalls())
        .extracting(call -> json(call.arguments()))
        .containsExactly(json("{\"order_id\":\"A-1001\"}"), json("{\"customer_id\":\"C-42\"}"));
  }

  @Test
  void reportsUsageOfAToolCallingTurn() {
    ModelResponse response = answer("tool-calls.json", Scenario.question());

    assertThat(response.usage()).isEqualTo(new Usage(96, 41));
  }

  @Test
  void sendsToolResultsInTheProvidersFormat() {
    answer(
        "after-tool-results.json",
        Scenario.afterToolResults(toolCallIds().get(0), toolCallIds().get(1)));

    assertToolResultsSent(server.last().json(), toolCallIds());
  }

  @Test
  void offersToolDefinitionsInTheProvidersFormat() {
    answer(
        "after-tool-results.json",
        Scenario.afterToolResults(toolCallIds().get(0), toolCallIds().get(1)));

    assertToolsOffered(server.last().json());
  }

  @Test
  void answersAfterToolResults() {
    ModelResponse response =
        answer(
            "after-tool-results.json",
            Scenario.afterToolResults(toolCallIds().get(0), toolCallIds().get(1)));

    assertThat(response.message()).isEqualTo(Message.Assistant.text(Scenario.ANSWER));
    assertThat(response.usage()).isEqualTo(new Usage(160, 14));
  }

  @Test
  void rejectedCredentialsAreNotRetryable() {
    Recorded recorded = rejectedCredentials();

    ModelFailure failure = failure(recorded);

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains(client().name(), "HTTP " + recorded.status(), recorded.message());
  }

  @Test
  void badRequestIsNotRetryable() {
    Recorded recorded = badRequest();

    ModelFailure failure = failure(recorded);

    assertThat(failure.retryable()).isFalse();
    assertThat(failure.getMessage())
        .contains(client().name(), "HTTP " + recorded.status(), recorded.message());
  }

  @Test
  void rateLimitIsRetryable() {
    Recorded recorded = rateLimit();

    ModelFailure failure = failure(recorded);

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains("HTTP 429", recorded.message());
  }

  @Test
  void rateLimitIsLeftToTheRuntimeToRetry() {
    failure(rateLimit());

    assertThat(server.received()).hasSize(1);
  }

  @Test
  void unreachableServerIsRetryable() {
    ModelClient client = client();
    server.close();

    ModelFailure failure =
        catchThrowableOfType(ModelFailure.class, () -> client.chat(Scenario.hello()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains(client.name(), "could not reach the model");
  }

  @Test
  void slowAnswerTimesOutAsRetryable() {
    var env = new java.util.HashMap<>(environment(server.url()));
    env.put("COLONY_MODEL_TIMEOUT_SECONDS", "1");
    ModelClient client = ModelClients.fromEnvironment(env).orElseThrow();
    server.replyAfter(java.time.Duration.ofMillis(2500), recordings() + "/text.json");

    ModelFailure failure =
        catchThrowableOfType(ModelFailure.class, () -> client.chat(Scenario.hello()));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure.getMessage()).contains(client.name());
  }

  @Test
  void leavesOutBlankSystemInstructions() {
    var request =
        new dev.colony.core.model.ModelRequest(
            Scenario.AGENT,
            List.of(new Message.System(" "), new Message.User(Scenario.HELLO)),
            Scenario.TOOLS);

    assertThat(answer("text.json", request).message().text()).isEqualTo(Scenario.GREETING);
    assertThat(texts(server.last().json())).doesNotContain(" ");
  }

  private static List<String> texts(JsonNode node) {
    var texts = new java.util.ArrayList<String>();
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(child -> texts.addAll(texts(child)));
    return texts;
  }

  @Test
  void isNamedAfterProviderAndModel() {
    assertThat(client().name()).isEqualTo(environment(server.url()).get("COLONY_MODEL"));
  }
}
