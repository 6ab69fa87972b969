package dev.colony.testing;

import dev.colony.core.model.Message;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.model.Usage;
import dev.colony.core.tool.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A model client that answers from a script, for tests.
 *
 * <p>Each turn is a function of the request, so a script can look at the tool results it was fed.
 * The turn to play is chosen by counting the assistant messages already in the request, which makes
 * the client stateless across resumes, like a real model. Thread-safe; requests are recorded.
 */
public final class ScriptedModelClient implements ModelClient {
  private final List<Function<ModelRequest, ModelResponse>> turns;
  private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

  private ScriptedModelClient(List<Function<ModelRequest, ModelResponse>> turns) {
    this.turns = List.copyOf(turns);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ModelResponse chat(ModelRequest request) {
    requests.add(request);
    int turn =
        (int) request.messages().stream().filter(Message.Assistant.class::isInstance).count();
    if (turn >= turns.size()) {
      throw new ModelFailure(
          "scripted model has " + turns.size() + " turns, asked for turn " + (turn + 1), false);
    }
    return turns.get(turn).apply(request);
  }

  @Override
  public String name() {
    return "scripted";
  }

  /** The requests received so far, in order. */
  public List<ModelRequest> requests() {
    return List.copyOf(requests);
  }

  /** Builds a script turn by turn. */
  public static final class Builder {
    private final List<Function<ModelRequest, ModelResponse>> turns = new ArrayList<>();

    private Builder() {}

    /** A turn that calls the given tools. */
    public Builder callTools(ToolCall... calls) {
      var message = new Message.Assistant(null, List.of(calls));
      turns.add(request -> new ModelResponse(message, new Usage(10, 5), "scripted"));
      return this;
    }

    /** A turn that answers with text and ends the run. */
    public Builder answer(String text) {
      turns.add(
          request -> new ModelResponse(Message.Assistant.text(text), new Usage(10, 5), "scripted"));
      return this;
    }

    /** A turn computed from the request. */
    public Builder turn(Function<ModelRequest, ModelResponse> turn) {
      turns.add(Objects.requireNonNull(turn, "turn"));
      return this;
    }

    /** A turn that fails as a provider would. */
    public Builder fail(String message, boolean retryable) {
      turns.add(
          request -> {
            throw new ModelFailure(message, retryable);
          });
      return this;
    }

    public ScriptedModelClient build() {
      return new ScriptedModelClient(turns);
    }
  }

  /** A tool call with the given id, tool and raw JSON arguments. */
  public static ToolCall call(String id, String tool, String argumentsJson) {
    return new ToolCall(id, tool, argumentsJson);
  }
}
