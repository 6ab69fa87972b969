package dev.colony.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.time.Duration;

/**
 * An HTTP client for LangChain4j's Gemini model that repairs two things its 1.18.1 request mapper
 * gets wrong for tool use, on the request body just before it is sent.
 *
 * <ul>
 *   <li>It sends each tool result as its own {@code user} content. Gemini requires the results of
 *       one turn's parallel calls in a single content and otherwise answers 400 "Please ensure that
 *       the number of function response parts is equal to the number of function call parts of the
 *       function call turn." Consecutive contents holding only {@code functionResponse} parts are
 *       merged.
 *   <li>It drops the {@code thoughtSignature} Gemini returned with a function call, which Gemini 3
 *       models require back ("Function call is missing a thought_signature in functionCall parts").
 *       Colony's {@code Message.Assistant} has nowhere to keep it, so the first {@code
 *       functionCall} part of each model turn without one gets the value Gemini's thought
 *       signatures guide documents for history that has none, {@code
 *       skip_thought_signature_validator}.
 * </ul>
 *
 * <p>Other requests pass through byte for byte. Thread-safe: it holds no mutable state.
 */
final class GeminiRequests implements HttpClientBuilder {
  static final String SKIP_SIGNATURE = "skip_thought_signature_validator";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private final HttpClientBuilder delegate = HttpClientBuilderLoader.loadHttpClientBuilder();

  @Override
  public Duration connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public HttpClientBuilder connectTimeout(Duration timeout) {
    delegate.connectTimeout(timeout);
    return this;
  }

  @Override
  public Duration readTimeout() {
    return delegate.readTimeout();
  }

  @Override
  public HttpClientBuilder readTimeout(Duration timeout) {
    delegate.readTimeout(timeout);
    return this;
  }

  @Override
  public HttpClient build() {
    HttpClient client = delegate.build();
    return new HttpClient() {
      @Override
      public SuccessfulHttpResponse execute(HttpRequest request) {
        return client.execute(repaired(request));
      }

      @Override
      public void execute(
          HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        client.execute(repaired(request), parser, listener);
      }
    };
  }

  private static HttpRequest repaired(HttpRequest request) {
    String body = request.body();
    String fixed = repair(body);
    if (fixed.equals(body)) {
      return request;
    }
    return HttpRequest.builder()
        .method(request.method())
        .url(request.url())
        .headers(request.headers())
        .body(fixed)
        .build();
  }

  /** The request body with tool results grouped and signatures filled in; else as given. */
  static String repair(String body) {
    if (body == null || !body.contains("\"functionCall\"")) {
      return body;
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return body;
    }
    if (root == null || !(root.get("contents") instanceof ArrayNode contents)) {
      return body;
    }
    boolean changed = false;
    ArrayNode grouped = JSON.createArrayNode();
    ObjectNode previous = null;
    for (JsonNode node : contents) {
      if (!(node instanceof ObjectNode content)) {
        grouped.add(node);
        previous = null;
        continue;
      }
      if (previous != null && onlyResults(previous) && onlyResults(content)) {
        ((ArrayNode) previous.get("parts")).addAll((ArrayNode) content.get("parts"));
        changed = true;
        continue;
      }
      changed |= signFirstCall(content);
      grouped.add(content);
      previous = content;
    }
    if (!changed) {
      return body;
    }
    ((ObjectNode) root).set("contents", grouped);
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      return body;
    }
  }

  private static boolean onlyResults(ObjectNode content) {
    if (!"user".equals(content.path("role").asText())
        || !(content.get("parts") instanceof ArrayNode parts)
        || parts.isEmpty()) {
      return false;
    }
    for (JsonNode part : parts) {
      if (!part.has("functionResponse")) {
        return false;
      }
    }
    return true;
  }

  private static boolean signFirstCall(ObjectNode content) {
    if (!"model".equals(content.path("role").asText())
        || !(content.get("parts") instanceof ArrayNode parts)) {
      return false;
    }
    for (JsonNode part : parts) {
      if (part.has("functionCall") && part instanceof ObjectNode call) {
        if (call.has("thoughtSignature")) {
          return false;
        }
        call.put("thoughtSignature", SKIP_SIGNATURE);
        return true;
      }
    }
    return false;
  }
}
