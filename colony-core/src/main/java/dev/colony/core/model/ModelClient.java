package dev.colony.core.model;

/**
 * A chat model that can call tools.
 *
 * <p>Implementations are thread-safe; the runtime calls them from virtual threads and blocks.
 */
public interface ModelClient {
  /**
   * Runs one model turn.
   *
   * @throws ModelFailure when the provider fails; {@link ModelFailure#retryable()} says whether
   *     trying again later may help (rate limits, overload)
   */
  ModelResponse chat(ModelRequest request);

  /** The provider and model, for example {@code openai:gpt-4.1} or {@code offline-planner}. */
  String name();
}
