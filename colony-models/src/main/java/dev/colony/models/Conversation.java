package dev.colony.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.model.Usage;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Translates one model turn between Colony's vocabulary and LangChain4j's, both ways. */
final class Conversation {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Provider provider;
  private final String client;
  private final ToolNames names;

  /**
   * @param client the client's name, for error messages
   * @param names the tool name mapping of this turn
   */
  Conversation(Provider provider, String client, ToolNames names) {
    this.provider = provider;
    this.client = client;
    this.names = names;
  }

  ChatRequest request(ModelRequest request) {
    var messages = new ArrayList<ChatMessage>(request.messages().size());
    for (Message message : request.messages()) {
      if (message instanceof Message.System system && system.text().isBlank()) {
        continue; // says nothing, and LangChain4j rejects blank system text
      }
      messages.add(
          switch (message) {
            case Message.System system -> SystemMessage.from(system.text());
            case Message.User user -> UserMessage.from(user.text());
            case Message.Assistant assistant -> aiMessage(assistant);
            case Message.ToolResultMessage result -> toolResult(result.result());
          });
    }
    var builder = ChatRequest.builder().messages(messages);
    if (!request.tools().isEmpty()) {
      builder.toolSpecifications(request.tools().stream().map(this::specification).toList());
    }
    return builder.build();
  }

  ModelResponse response(ChatResponse response, String configuredModel) {
    AiMessage ai = response.aiMessage();
    var calls = new ArrayList<ToolCall>();
    Set<String> ids = new HashSet<>();
    List<ToolExecutionRequest> requests =
        ai.toolExecutionRequests() == null ? List.of() : ai.toolExecutionRequests();
    for (ToolExecutionRequest request : requests) {
      String id = request.id();
      if (id == null || id.isBlank() || !ids.add(id)) {
        // Some providers (Gemini, older Ollama) give no ids; number the calls in order.
        id = "call-" + (calls.size() + 1);
        for (int k = 2; !ids.add(id); k++) {
          id = "call-" + (calls.size() + 1) + "-" + k;
        }
      }
      String name = request.name() == null ? "" : names.colony(request.name());
      String arguments =
          provider.rawArguments() ? request.arguments() : compact(request.arguments());
      calls.add(new ToolCall(id, name, arguments));
    }
    String text = ai.text();
    if (!calls.isEmpty() && text != null && text.isBlank()) {
      text = null;
    } else if (calls.isEmpty() && text == null) {
      text = "";
    }
    String model = response.modelName();
    return new ModelResponse(
        new Message.Assistant(text, calls),
        usage(response.tokenUsage()),
        model == null || model.isBlank() ? configuredModel : model);
  }

  private AiMessage aiMessage(Message.Assistant assistant) {
    var requests = new ArrayList<ToolExecutionRequest>();
    for (ToolCall call : assistant.toolCalls()) {
      requests.add(
          ToolExecutionRequest.builder()
              .id(call.id())
              .name(names.wire(call.name()))
              .arguments(provider.rawArguments() ? call.arguments() : jsonObject(call.arguments()))
              .build());
    }
    String text = assistant.text();
    if (text != null && text.isBlank() && !requests.isEmpty()) {
      text = null; // Anthropic and Bedrock reject empty text blocks.
    }
    return AiMessage.builder().text(text).toolExecutionRequests(requests).build();
  }

  private ToolExecutionResultMessage toolResult(ToolResult result) {
    return ToolExecutionResultMessage.builder()
        .id(result.callId())
        .toolName(names.wire(result.name()))
        .text(result.content())
        .isError(result.error())
        .build();
  }

  private ToolSpecification specification(ToolSpec tool) {
    try {
      return ToolSpecification.builder()
          .name(names.wire(tool.name()))
          .description(tool.description().isBlank() ? null : tool.description())
          .parameters(JsonSchemas.parameters(tool.inputSchema(), provider.rawSchemas()))
          .build();
    } catch (JsonSchemas.UnsupportedSchema e) {
      throw new ModelFailure(
          client + " cannot offer tool '" + tool.name() + "': its input schema " + e.getMessage(),
          false,
          e);
    }
  }

  /** Arguments as a JSON object, for providers that need one; malformed arguments become {}. */
  private static String jsonObject(String arguments) {
    try {
      JsonNode node = JSON.readTree(arguments);
      return node != null && node.isObject() ? arguments : "{}";
    } catch (IOException e) {
      return "{}";
    }
  }

  /**
   * Providers other than OpenAI return arguments as a JSON object, which LangChain4j prints; they
   * are kept compact so the same call reads the same in every ledger.
   */
  private static String compact(String arguments) {
    if (arguments == null) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(arguments);
      return node == null ? arguments : JSON.writeValueAsString(node);
    } catch (IOException e) {
      return arguments;
    }
  }

  private static Usage usage(TokenUsage usage) {
    if (usage == null) {
      return Usage.ZERO;
    }
    return new Usage(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
  }

  private static long count(Integer tokens) {
    return tokens == null || tokens < 0 ? 0 : tokens;
  }
}
