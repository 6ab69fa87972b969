package dev.colony.models;

import dev.colony.core.InvalidInput;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.chat.ChatModel;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Builds LangChain4j's Bedrock Converse chat model over a Bedrock runtime client we configure: no
 * SDK retries, the configured timeout on the call and on the socket, and credentials and endpoint
 * from the given variables rather than the process environment.
 */
final class BedrockChatModels {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private BedrockChatModels() {}

  static ChatModel create(String model, Env env) {
    String region = env.require("bedrock", "AWS_REGION", "AWS_DEFAULT_REGION");
    Duration timeout = env.timeout();
    var client =
        BedrockRuntimeClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials(env))
            .overrideConfiguration(
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
    env.url("BEDROCK_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL")
        .map(URI::create)
        .ifPresent(client::endpointOverride);
    httpClient(timeout).ifPresent(client::httpClient);
    return BedrockChatModel.builder()
        .client(client.build())
        .modelId(model)
        .timeout(timeout)
        .maxRetries(0)
        .build();
  }

  private static AwsCredentialsProvider credentials(Env env) {
    Optional<String> keyId = env.get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (keyId.isPresent() != secret.isPresent()) {
      String missing = keyId.isPresent() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID";
      String present = keyId.isPresent() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY";
      throw new InvalidInput(
          missing,
          "must be set together with "
              + present
              + ", or leave both unset to use the AWS default credentials chain");
    }
    if (keyId.isEmpty()) {
      var chain = DefaultCredentialsProvider.builder();
      env.get("AWS_PROFILE").ifPresent(chain::profileName);
      return chain.build();
    }
    Optional<String> token = env.get("AWS_SESSION_TOKEN");
    AwsCredentials credentials =
        token.isPresent()
            ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
            : AwsBasicCredentials.create(keyId.get(), secret.get());
    return StaticCredentialsProvider.create(credentials);
  }

  /**
   * The SDK's synchronous HTTP client (Apache, from langchain4j-bedrock) with our read timeout; its
   * default of 30 seconds is shorter than a long model turn. Empty lets the SDK pick its default.
   */
  private static Optional<SdkHttpClient> httpClient(Duration timeout) {
    return ServiceLoader.load(SdkHttpService.class, SdkHttpService.class.getClassLoader())
        .findFirst()
        .map(
            service ->
                service
                    .createHttpClientBuilder()
                    .buildWithDefaults(
                        AttributeMap.builder()
                            .put(SdkHttpConfigurationOption.READ_TIMEOUT, timeout)
                            .put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, CONNECT_TIMEOUT)
                            .build()));
  }
}
