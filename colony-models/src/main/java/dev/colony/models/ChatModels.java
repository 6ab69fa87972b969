package dev.colony.models;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Optional;

/**
 * Builds LangChain4j chat models for the HTTP providers.
 *
 * <p>Every model gets {@code maxRetries(0)} (the runtime decides retries) and the configured
 * timeout; nothing is logged by LangChain4j, since requests carry customer data.
 */
final class ChatModels {
  /** Anthropic requires {@code max_tokens}; enough for an agent turn with several tool calls. */
  static final int ANTHROPIC_MAX_TOKENS = 4096;

  static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

  private ChatModels() {}

  static ChatModel openAi(String model, Env env) {
    Optional<String> baseUrl = env.url("OPENAI_BASE_URL");
    // Local OpenAI-compatible servers (vLLM, LM Studio, llama.cpp) usually need no key.
    String key =
        baseUrl.isPresent()
            ? env.get("OPENAI_API_KEY").orElse(null)
            : env.require("openai", "OPENAI_API_KEY");
    var builder =
        OpenAiChatModel.builder().modelName(model).apiKey(key).timeout(env.timeout()).maxRetries(0);
    baseUrl.ifPresent(builder::baseUrl);
    env.get("OPENAI_ORG_ID").ifPresent(builder::organizationId);
    env.get("OPENAI_PROJECT_ID").ifPresent(builder::projectId);
    return builder.build();
  }

  static ChatModel anthropic(String model, Env env) {
    var builder =
        AnthropicChatModel.builder()
            .modelName(model)
            .apiKey(env.require("anthropic", "ANTHROPIC_API_KEY"))
            .maxTokens(ANTHROPIC_MAX_TOKENS)
            .timeout(env.timeout())
            .maxRetries(0);
    env.url("ANTHROPIC_BASE_URL").map(ChatModels::withV1).ifPresent(builder::baseUrl);
    return builder.build();
  }

  static ChatModel ollama(String model, Env env) {
    return OllamaChatModel.builder()
        .baseUrl(env.url("OLLAMA_BASE_URL").orElse(OLLAMA_DEFAULT_URL))
        .modelName(model)
        .timeout(env.timeout())
        .maxRetries(0)
        .build();
  }

  static ChatModel gemini(String model, Env env) {
    var builder =
        GoogleAiGeminiChatModel.builder()
            .modelName(model)
            .apiKey(env.require("gemini", "GEMINI_API_KEY", "GOOGLE_API_KEY"))
            .httpClientBuilder(new GeminiRequests())
            .timeout(env.timeout())
            .maxRetries(0);
    env.url("GEMINI_BASE_URL").ifPresent(builder::baseUrl);
    return builder.build();
  }

  /**
   * The Anthropic SDKs read {@code ANTHROPIC_BASE_URL} without the API version; LangChain4j wants
   * it with {@code /v1/}.
   */
  static String withV1(String baseUrl) {
    String trimmed = baseUrl.replaceAll("/+$", "");
    return trimmed.endsWith("/v1") ? trimmed + "/" : trimmed + "/v1/";
  }
}
