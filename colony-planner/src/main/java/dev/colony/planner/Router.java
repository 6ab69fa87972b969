package dev.colony.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes a request to the skill whose description or examples are most similar to it.
 *
 * <p>Thread-safe: embeddings are kept in a bounded least-recently-used cache guarded by its own
 * lock; they are computed outside the lock (two threads may compute the same one; both get the same
 * vector). Scores are rounded to four decimals before comparing, and ties go to the skill declared
 * first, so that tiny floating-point differences between machines rarely change a route.
 */
final class Router {
  /** Longer requests are routed by their beginning; the model reads 256 tokens at most anyway. */
  static final int MAX_ROUTED_CHARS = 2_000;

  private static final int CACHE_SIZE = 1_024;

  private final Embedder embedder;
  private final double threshold;
  private final Map<String, float[]> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  Router(Embedder embedder, double threshold) {
    this.embedder = embedder;
    this.threshold = threshold;
  }

  /** A skill and how similar the request is to it. */
  record Score(SkillPlan plan, double similarity) {}

  /**
   * The outcome of routing.
   *
   * @param chosen the best skill if it reached the threshold, else {@code null}
   * @param scores every skill's score, best first
   */
  record Route(SkillPlan chosen, List<Score> scores) {}

  Route route(String task, List<SkillPlan> plans) {
    float[] request = embedding(task);
    var scores = new ArrayList<Score>(plans.size());
    for (SkillPlan plan : plans) {
      double best = -1;
      for (String text : routingTexts(plan)) {
        best = Math.max(best, cosine(request, embedding(text)));
      }
      scores.add(new Score(plan, Math.round(best * 10_000) / 10_000.0));
    }
    // Stable sort: equal scores keep declaration order.
    scores.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
    SkillPlan chosen =
        !scores.isEmpty() && scores.get(0).similarity() >= threshold ? scores.get(0).plan() : null;
    return new Route(chosen, List.copyOf(scores));
  }

  double threshold() {
    return threshold;
  }

  private static List<String> routingTexts(SkillPlan plan) {
    var texts = new ArrayList<String>();
    if (!plan.skill().description().isBlank()) {
      texts.add(plan.skill().description());
    }
    plan.skill().examples().stream().filter(e -> !e.isBlank()).forEach(texts::add);
    return texts;
  }

  private float[] embedding(String text) {
    String key = text.length() > MAX_ROUTED_CHARS ? text.substring(0, MAX_ROUTED_CHARS) : text;
    synchronized (cache) {
      float[] cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    float[] vector = embedder.embed(key);
    synchronized (cache) {
      cache.put(key, vector);
    }
    return vector;
  }

  static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalStateException(
          "embeddings differ in dimension: " + a.length + " and " + b.length);
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
