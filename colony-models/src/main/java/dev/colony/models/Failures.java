package dev.colony.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.model.ModelFailure;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.UnresolvedAddressException;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Classifies what a provider call threw as a {@link ModelFailure}.
 *
 * <p>HTTP 408, 429 and 5xx (including Anthropic's 529 "overloaded") and network failures are
 * retryable; other 4xx (bad request, authentication, unknown model) are not. The message names the
 * client, the HTTP status, and the provider's own error code and message taken from its error JSON:
 * {@code error.message} (OpenAI, Anthropic, Gemini), {@code error} (Ollama), {@code message}
 * (Bedrock), {@code detail} (vLLM).
 */
final class Failures {
  static final int MAX_MESSAGE = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> AWS_RETRYABLE =
      Set.of(
          "ThrottlingException",
          "ServiceUnavailableException",
          "ModelNotReadyException",
          "ModelTimeoutException",
          "InternalServerException");

  private Failures() {}

  static ModelFailure of(String client, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException http) {
        ErrorBody body = ErrorBody.parse(http.getMessage());
        return status(client, http.statusCode(), body.code(), body.message(), false, failure);
      }
      if (t instanceof AwsServiceException aws) {
        AwsErrorDetails details = aws.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        String message = details == null ? null : details.errorMessage();
        return status(
            client,
            aws.statusCode(),
            code,
            message == null ? aws.getMessage() : message,
            code != null && AWS_RETRYABLE.contains(code),
            failure);
      }
    }
    if (has(failure, InterruptedException.class)) {
      Thread.currentThread().interrupt();
      return new ModelFailure(
          client + " was interrupted while waiting for the model", false, failure);
    }
    if (isNetwork(failure)) {
      return new ModelFailure(
          client + " could not reach the model: " + describe(networkCause(failure)), true, failure);
    }
    return new ModelFailure(
        client + " failed: " + describe(failure), failure instanceof RetriableException, failure);
  }

  private static ModelFailure status(
      String client,
      int status,
      String code,
      String message,
      boolean retryableCode,
      Throwable failure) {
    boolean retryable = retryableCode || status == 408 || status == 429 || status >= 500;
    String text =
        client
            + " returned HTTP "
            + status
            + (code == null || code.isBlank() ? "" : " " + code)
            + ": "
            + (message == null || message.isBlank() ? "(no error message)" : shorten(message));
    return new ModelFailure(text, retryable, failure);
  }

  private static boolean isNetwork(Throwable failure) {
    return has(failure, IOException.class)
        || has(failure, UncheckedIOException.class)
        || has(failure, UnresolvedAddressException.class)
        || has(failure, dev.langchain4j.exception.TimeoutException.class)
        || has(failure, ApiCallTimeoutException.class)
        || has(failure, ApiCallAttemptTimeoutException.class);
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The outermost I/O failure, which names what went wrong (ConnectException, timeout). */
  private static Throwable networkCause(Throwable failure) {
    Throwable last = failure;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException || t instanceof UnresolvedAddressException) {
        return t;
      }
      last = t;
    }
    return last;
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + shorten(message));
  }

  private static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "...";
  }

  /** The code and message from a provider's error JSON, or the raw body when it is not JSON. */
  private record ErrorBody(String code, String message) {
    static ErrorBody parse(String body) {
      if (body == null || body.isBlank()) {
        return new ErrorBody(null, null);
      }
      JsonNode json;
      try {
        json = JSON.readTree(body);
      } catch (IOException e) {
        return new ErrorBody(null, body);
      }
      if (json == null || !json.isObject()) {
        return new ErrorBody(null, body);
      }
      JsonNode error = json.path("error");
      if (error.isTextual()) {
        return new ErrorBody(null, error.asText()); // Ollama
      }
      String message = first(error, "message");
      if (message == null) {
        message = first(json, "message", "Message", "detail");
      }
      // OpenAI: code or type; Anthropic: type; Gemini: status.
      String code = first(error, "code", "type", "status");
      if (code == null) {
        code = first(json, "__type", "code");
      }
      return new ErrorBody(code, message == null ? body : message);
    }

    private static String first(JsonNode node, String... fields) {
      for (String field : List.of(fields)) {
        JsonNode value = node.path(field);
        if (value.isTextual() && !value.asText().isBlank()) {
          return value.asText();
        }
      }
      return null;
    }
  }
}
