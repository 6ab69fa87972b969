package dev.colony.models;

import dev.colony.core.model.ModelClient;
import dev.langchain4j.model.chat.ChatModel;
import java.util.function.BiFunction;

/** The model providers Colony can talk to, and what each one's wire format can carry. */
enum Provider {
  OPENAI("openai", true, true, ChatModels::openAi),
  ANTHROPIC("anthropic", true, false, ChatModels::anthropic),
  BEDROCK("bedrock", true, false, BedrockChatModels::create),
  OLLAMA("ollama", true, false, ChatModels::ollama),
  GEMINI("gemini", false, false, ChatModels::gemini);

  private final String id;
  private final boolean rawSchemas;
  private final boolean rawArguments;
  private final BiFunction<String, Env, ChatModel> factory;

  Provider(
      String id,
      boolean rawSchemas,
      boolean rawArguments,
      BiFunction<String, Env, ChatModel> factory) {
    this.id = id;
    this.rawSchemas = rawSchemas;
    this.rawArguments = rawArguments;
    this.factory = factory;
  }

  /** The name used in {@code COLONY_MODEL}. */
  String id() {
    return id;
  }

  /**
   * Whether tool parameter schemas can pass through as JSON Schema text; otherwise (Gemini's
   * OpenAPI subset) they are converted to typed elements.
   */
  boolean rawSchemas() {
    return rawSchemas;
  }

  /**
   * Whether earlier tool calls' arguments go back as the text the model wrote; otherwise the
   * provider needs a JSON object and malformed arguments are sent as {@code {}}.
   */
  boolean rawArguments() {
    return rawArguments;
  }

  ModelClient client(String model, Env env) {
    return new ChatModelClient(this, model, factory.apply(model, env));
  }
}
