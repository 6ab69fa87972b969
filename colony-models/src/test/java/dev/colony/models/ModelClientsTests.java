package dev.colony.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colony.core.InvalidInput;
import dev.colony.core.model.ModelClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelClientsTests {

  private static ModelClient client(Map<String, String> env) {
    return ModelClients.fromEnvironment(env).orElseThrow();
  }

  private static InvalidInput rejected(Map<String, String> env) {
    return catchThrowableOfType(InvalidInput.class, () -> ModelClients.fromEnvironment(env));
  }

  @Test
  void noModelVariableMeansNoClient() {
    assertThat(ModelClients.fromEnvironment(Map.of("OPENAI_API_KEY", "sk-test"))).isEmpty();
  }

  @Test
  void blankModelVariableMeansNoClient() {
    assertThat(ModelClients.fromEnvironment(Map.of("COLONY_MODEL", "  "))).isEmpty();
  }

  @Test
  void createsAnOpenAiClientFromItsKey() {
    var client = client(Map.of("COLONY_MODEL", "openai:gpt-4.1", "OPENAI_API_KEY", "sk-test"));

    assertThat(client.name()).isEqualTo("openai:gpt-4.1");
  }

  @Test
  void createsAnOpenAiCompatibleClientWithoutAKeyWhenABaseUrlIsSet() {
    var client =
        client(
            Map.of(
                "COLONY_MODEL", "openai:Qwen/Qwen2.5-7B-Instruct",
                "OPENAI_BASE_URL", "http://localhost:8000/v1"));

    assertThat(client.name()).isEqualTo("openai:Qwen/Qwen2.5-7B-Instruct");
  }

  @Test
  void createsAnAnthropicClientFromItsKey() {
    var client =
        client(Map.of("COLONY_MODEL", "anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY", "k"));

    assertThat(client.name()).isEqualTo("anthropic:claude-sonnet-4-5");
  }

  @Test
  void createsABedrockClientWithTheDefaultCredentialsChain() {
    var client =
        client(
            Map.of(
                "COLONY_MODEL", "bedrock:anthropic.claude-3-5-haiku-20241022-v1:0",
                "AWS_REGION", "us-east-1"));

    assertThat(client.name()).isEqualTo("bedrock:anthropic.claude-3-5-haiku-20241022-v1:0");
  }

  @Test
  void createsAnOllamaClientWithNoVariables() {
    var client = client(Map.of("COLONY_MODEL", "ollama:llama3.2:3b"));

    assertThat(client.name()).isEqualTo("ollama:llama3.2:3b");
  }

  @Test
  void createsAGeminiClientFromGoogleApiKey() {
    var client = client(Map.of("COLONY_MODEL", "gemini:gemini-2.5-flash", "GOOGLE_API_KEY", "k"));

    assertThat(client.name()).isEqualTo("gemini:gemini-2.5-flash");
  }

  @Test
  void readsTheProviderCaseInsensitively() {
    var client = client(Map.of("COLONY_MODEL", " OpenAI : gpt-4.1 ", "OPENAI_API_KEY", "sk-test"));

    assertThat(client.name()).isEqualTo("openai:gpt-4.1");
  }

  @Test
  void valueWithoutAColonIsRejectedNamingTheVariable() {
    InvalidInput error = rejected(Map.of("COLONY_MODEL", "gpt-4.1"));

    assertThat(error.field()).isEqualTo("COLONY_MODEL");
    assertThat(error.getMessage())
        .contains(
            "'provider:model'", "got 'gpt-4.1'", "[openai, anthropic, bedrock, ollama, gemini]");
  }

  @Test
  void valueWithoutAModelIsRejected() {
    InvalidInput error = rejected(Map.of("COLONY_MODEL", "openai:"));

    assertThat(error.field()).isEqualTo("COLONY_MODEL");
    assertThat(error.getMessage()).contains("got 'openai:'");
  }

  @Test
  void unknownProviderIsRejectedListingTheKnownOnes() {
    InvalidInput error = rejected(Map.of("COLONY_MODEL", "mistral:mistral-large"));

    assertThat(error.field()).isEqualTo("COLONY_MODEL");
    assertThat(error.getMessage())
        .contains(
            "unknown model provider 'mistral'", "[openai, anthropic, bedrock, ollama, gemini]");
  }

  @Test
  void missingOpenAiKeyIsRejectedNamingTheVariable() {
    InvalidInput error = rejected(Map.of("COLONY_MODEL", "openai:gpt-4.1"));

    assertThat(error.field()).isEqualTo("OPENAI_API_KEY");
    assertThat(error.getMessage()).contains("must be set to use model provider 'openai'");
  }

  @Test
  void missingAnthropicKeyIsRejectedNamingTheVariable() {
    InvalidInput error = rejected(Map.of("COLONY_MODEL", "anthropic:claude-sonnet-4-5"));

    assertThat(error.field()).isEqualTo("ANTHROPIC_API_KEY");
  }

  @Test
  void missingGeminiKeyIsRejectedNamingBothVariables() {
    InvalidInput error = rejected(Map.of("COLONY_MODEL", "gemini:gemini-2.5-flash"));

    assertThat(error.field()).isEqualTo("GEMINI_API_KEY");
    assertThat(error.getMessage()).contains("or set GOOGLE_API_KEY");
  }

  @Test
  void bedrockWithoutARegionIsRejected() {
    InvalidInput error =
        rejected(Map.of("COLONY_MODEL", "bedrock:amazon.nova-pro-v1:0", "AWS_PROFILE", "dev"));

    assertThat(error.field()).isEqualTo("AWS_REGION");
    assertThat(error.getMessage()).contains("AWS_DEFAULT_REGION");
  }

  @Test
  void bedrockAccessKeyWithoutSecretIsRejected() {
    InvalidInput error =
        rejected(
            Map.of(
                "COLONY_MODEL", "bedrock:amazon.nova-pro-v1:0",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"));

    assertThat(error.field()).isEqualTo("AWS_SECRET_ACCESS_KEY");
    assertThat(error.getMessage()).contains("default credentials chain");
  }

  @Test
  void blankKeyCountsAsMissing() {
    InvalidInput error =
        rejected(Map.of("COLONY_MODEL", "anthropic:claude-sonnet-4-5", "ANTHROPIC_API_KEY", " "));

    assertThat(error.field()).isEqualTo("ANTHROPIC_API_KEY");
  }

  @Test
  void baseUrlThatIsNotAUrlIsRejected() {
    InvalidInput error =
        rejected(Map.of("COLONY_MODEL", "ollama:llama3.2", "OLLAMA_BASE_URL", "localhost:11434"));

    assertThat(error.field()).isEqualTo("OLLAMA_BASE_URL");
    assertThat(error.getMessage()).contains("got 'localhost:11434'");
  }

  @Test
  void timeoutThatIsNotAPositiveNumberIsRejected() {
    InvalidInput error =
        rejected(Map.of("COLONY_MODEL", "ollama:llama3.2", "COLONY_MODEL_TIMEOUT_SECONDS", "2m"));

    assertThat(error.field()).isEqualTo("COLONY_MODEL_TIMEOUT_SECONDS");
    assertThat(error.getMessage()).contains("got '2m'");
  }

  @Test
  void nullValuesCountAsUnset() {
    var env = new HashMap<String, String>();
    env.put("COLONY_MODEL", "ollama:llama3.2");
    env.put("OLLAMA_BASE_URL", null);

    assertThat(client(env).name()).isEqualTo("ollama:llama3.2");
  }

  @Test
  void createRejectsAnUnknownProvider() {
    InvalidInput error =
        catchThrowableOfType(
            InvalidInput.class, () -> ModelClients.create("cohere", "command-r", Map.of()));

    assertThat(error.field()).isEqualTo("provider");
    assertThat(error.getMessage()).contains("unknown model provider 'cohere'");
  }

  @Test
  void createRejectsABlankModel() {
    InvalidInput error =
        catchThrowableOfType(
            InvalidInput.class, () -> ModelClients.create("ollama", " ", Map.of()));

    assertThat(error.field()).isEqualTo("model");
  }

  @Test
  void listsTheProviders() {
    assertThat(ModelClients.providers())
        .containsExactly("openai", "anthropic", "bedrock", "ollama", "gemini");
  }
}
