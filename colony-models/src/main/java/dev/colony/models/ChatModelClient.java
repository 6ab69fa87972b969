package dev.colony.models;

import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ModelClient} over one LangChain4j {@link ChatModel}.
 *
 * <p>Thread-safe: it holds no state between calls, and LangChain4j's chat models are safe to share.
 */
final class ChatModelClient implements ModelClient {
  private static final Logger log = LoggerFactory.getLogger(ChatModelClient.class);

  private final Provider provider;
  private final String model;
  private final ChatModel chatModel;
  private final String name;

  ChatModelClient(Provider provider, String model, ChatModel chatModel) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
    this.name = provider.id() + ":" + model;
  }

  @Override
  public ModelResponse chat(ModelRequest request) {
    Objects.requireNonNull(request, "request");
    var conversation = new Conversation(provider, name, ToolNames.of(request.tools()));
    try {
      ChatRequest chatRequest = conversation.request(request);
      ChatResponse response = chatModel.chat(chatRequest);
      return conversation.response(response, model);
    } catch (ModelFailure e) {
      throw e;
    } catch (RuntimeException e) {
      ModelFailure failure = Failures.of(name, e);
      log.debug("{} failed for agent {}: {}", name, request.agent(), failure.getMessage());
      throw failure;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "ModelClient[" + name + "]";
  }
}
