package dev.colony.models;

import dev.colony.core.InvalidInput;
import dev.colony.core.model.ModelClient;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates {@link ModelClient}s for hosted and local chat models from configuration.
 *
 * <p>{@code COLONY_MODEL=provider:model} picks the provider and model, for example {@code
 * openai:gpt-4.1}, {@code anthropic:claude-sonnet-4-5}, {@code
 * bedrock:anthropic.claude-3-5-haiku-20241022-v1:0}, {@code ollama:llama3.2} or {@code
 * gemini:gemini-2.5-flash}; everything after the first colon is the model. Each provider then reads
 * its usual variables:
 *
 * <ul>
 *   <li>{@code openai}: {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} (with {@code /v1}), {@code
 *       OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}. Any OpenAI-compatible server works (vLLM, LM
 *       Studio, llama.cpp, Ollama's {@code /v1}); the key is required only when no base URL is set.
 *   <li>{@code anthropic}: {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL} (as the Anthropic
 *       SDKs read it, without {@code /v1}).
 *   <li>{@code bedrock} (the Converse API): {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION});
 *       {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN},
 *       else the AWS default credentials chain (with {@code AWS_PROFILE} if set); endpoint override
 *       {@code BEDROCK_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} or {@code
 *       AWS_ENDPOINT_URL}.
 *   <li>{@code ollama}: {@code OLLAMA_BASE_URL}, default {@code http://localhost:11434}.
 *   <li>{@code gemini}: {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY}; {@code GEMINI_BASE_URL}
 *       (with {@code /v1beta}).
 * </ul>
 *
 * <p>{@code COLONY_MODEL_TIMEOUT_SECONDS} bounds one model call (default 120). The clients never
 * retry on their own: a rate limit, an overload, a timeout or a network failure surfaces as a
 * retryable {@link dev.colony.core.model.ModelFailure}, and the runtime decides. Tool names are
 * sent in the form every provider accepts ({@code orders.get_order} as {@code orders_get_order})
 * and mapped back in the model's tool calls.
 */
public final class ModelClients {
  /** The variable that selects the provider and model. */
  public static final String MODEL_VARIABLE = "COLONY_MODEL";

  private ModelClients() {}

  /**
   * Creates the client {@code COLONY_MODEL} names.
   *
   * @param env the environment, usually {@link System#getenv()}
   * @return the client, or empty when {@code COLONY_MODEL} is unset or blank (the caller then uses
   *     the offline planner)
   * @throws InvalidInput when {@code COLONY_MODEL} is malformed, names an unknown provider, or a
   *     variable the provider needs is missing or malformed
   */
  public static Optional<ModelClient> fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String value = env.get(MODEL_VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    int colon = value.indexOf(':');
    String provider = colon < 0 ? "" : value.substring(0, colon).strip();
    String model = colon < 0 ? "" : value.substring(colon + 1).strip();
    if (provider.isEmpty() || model.isEmpty()) {
      throw new InvalidInput(
          MODEL_VARIABLE,
          "must be 'provider:model' with provider one of "
              + providers()
              + ", for example 'openai:gpt-4.1', got '"
              + value
              + "'");
    }
    return Optional.of(create(provider, model, env, MODEL_VARIABLE));
  }

  /**
   * Creates a client for one provider and model.
   *
   * @param provider one of {@link #providers()}, case-insensitive
   * @param model the provider's model name, for example {@code gpt-4.1}
   * @param env the provider's variables (keys, base URLs)
   * @throws InvalidInput when the provider is unknown or a variable it needs is missing or
   *     malformed
   */
  public static ModelClient create(String provider, String model, Map<String, String> env) {
    return create(provider, model, env, "provider");
  }

  /** The provider names {@code COLONY_MODEL} accepts. */
  public static List<String> providers() {
    return Arrays.stream(Provider.values()).map(Provider::id).toList();
  }

  private static ModelClient create(
      String provider, String model, Map<String, String> env, String field) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(env, "env");
    String id = provider.strip().toLowerCase(Locale.ROOT);
    Provider chosen =
        Arrays.stream(Provider.values())
            .filter(p -> p.id().equals(id))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidInput(
                        field,
                        "unknown model provider '"
                            + provider
                            + "', expected one of "
                            + providers()));
    if (model.isBlank()) {
      throw new InvalidInput("model", "must not be blank for provider '" + id + "'");
    }
    return chosen.client(model.strip(), new Env(env));
  }
}
