package dev.colony.planner;

import dev.colony.core.InvalidInput;
import dev.colony.core.model.Message;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelFailure;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.model.Usage;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline planner: a deterministic {@link ModelClient}, not an LLM, that runs declared skill
 * plans. It is thread-safe and stateless across calls: its configuration is immutable, its only
 * mutable state is a bounded cache of embeddings, and every {@link #chat} recomputes its answer
 * from {@link ModelRequest#messages()} alone, so a run resumed in another process from a checkpoint
 * of its messages continues exactly where it stopped.
 *
 * <p>It needs no key and no network. It routes a request to one of the agent's skills with a
 * sentence-embedding model (all-MiniLM-L6-v2, in-process), extracts parameters with declared {@link
 * Extractor}s and runs the skill's steps as tool calls. Every {@link ModelResponse#model()} says
 * {@value #MODEL_LABEL}, and usage is zero tokens.
 *
 * <p>Each turn:
 *
 * <ol>
 *   <li><b>Route.</b> The task is the first {@link Message.User} message. It is embedded (with
 *       all-MiniLM-L6-v2 by default) and compared by cosine similarity with each skill declared for
 *       {@link ModelRequest#agent()}: a skill scores the best of its description and its examples.
 *       The best skill wins if it reaches the {@linkplain Builder#threshold threshold}; otherwise
 *       the answer says that no declared skill matches and lists them.
 *   <li><b>Extract.</b> Each of the skill's {@link Extractor}s reads the user messages (the task
 *       first, then any later ones, such as a reply to a question). If a required parameter is
 *       missing, the answer asks for it by name.
 *   <li><b>Step.</b> The position in the plan is the number of assistant turns with tool calls
 *       after the task. Steps are evaluated in order from the first each time, each with the {@link
 *       PlanState} as it was at that point; a step that returns no calls is skipped, a step that
 *       returns calls consumes one recorded turn. The first step beyond the recorded turns gives
 *       this turn's calls, with ids {@code call-<turn>-<index>} (both from 1); its tools must be
 *       among {@link ModelRequest#tools()}, else the answer names the missing tool. Because steps
 *       are pure functions of the state, a skipped step is skipped again on every recomputation. If
 *       a recorded turn called other tools than the plan now asks for, the answer says the
 *       conversation does not match the plan rather than guessing.
 *   <li><b>Answer.</b> When no step is left, the skill's answer function words the final text from
 *       the state, whose exchanges include failed calls (a Gate denial, a denied approval, a tool
 *       error) so the plan can report them.
 * </ol>
 *
 * <p>An agent declares a skill plan like this:
 *
 * <pre>{@code
 * var skill = new SkillSpec("refund-duplicate", "Refund a duplicate charge",
 *     "Refund a customer who was charged more than once for an order",
 *     List.of("payments"), List.of("I was charged twice for my order", "refund the double payment"));
 * var plan = SkillPlan.builder(skill)
 *     .extractor(Extractor.regex("order_id", "order\\s*#?\\s*(\\d+)"))
 *     .step(PlanStep.call("list_charges", s -> Map.of("order_id", s.param("order_id"))))
 *     .step(s -> s.latest("list_charges")
 *         .filter(e -> !e.error() && e.result().path("charges").size() > 1)
 *         .map(e -> List.of(PlannedCall.of("refund_charge",
 *             Map.of("charge_id", e.result().path("charges").get(1).path("id").asText()))))
 *         .orElse(List.of()))
 *     .answer(s -> s.latest("refund_charge").filter(e -> !e.error())
 *         .map(e -> "Refunded the duplicate charge on order " + s.param("order_id") + ".")
 *         .orElseGet(() -> SkillPlan.defaultAnswer(s)))
 *     .build();
 * ModelClient planner = OfflinePlanner.builder().skill("payments", plan).build();
 * }</pre>
 */
public final class OfflinePlanner implements ModelClient {
  /** The name of this client, as {@link #name()} returns it. */
  public static final String NAME = "offline-planner";

  /** The model label on every response: what this is, so nobody takes it for an LLM. */
  public static final String MODEL_LABEL = "offline-planner (deterministic, not an LLM)";

  /**
   * The default routing threshold, a cosine similarity. Calibrated with all-MiniLM-L6-v2 on four
   * retail support skills (billing, delivery, stock, account) with three to five examples each:
   * paraphrased requests scored 0.39 to 0.86 against their skill (most above 0.5), unrelated ones
   * 0.03 to 0.35 ("what time does your store open?" was the closest). Below the threshold the
   * planner says no skill matches rather than guess; skills with more varied examples match better.
   */
  public static final double DEFAULT_THRESHOLD = 0.37;

  private static final Logger log = LoggerFactory.getLogger(OfflinePlanner.class);

  private final Map<String, List<SkillPlan>> skills;
  private final Router router;

  private OfflinePlanner(Builder b) {
    var copy = new LinkedHashMap<String, List<SkillPlan>>();
    b.skills.forEach((agent, plans) -> copy.put(agent, List.copyOf(plans)));
    this.skills = Map.copyOf(copy);
    this.router = new Router(b.embedder, b.threshold);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ModelResponse chat(ModelRequest request) {
    Transcript transcript = Transcript.of(request.messages());
    if (transcript.task() == null) {
      return text("The offline planner needs a user message to act on; the conversation has none.");
    }
    List<SkillPlan> plans = skills.getOrDefault(request.agent(), List.of());
    if (plans.isEmpty()) {
      return text(
          "The offline planner has no skills declared for agent '" + request.agent() + "'.");
    }
    Router.Route route = router.route(transcript.task(), plans);
    log.debug("agent '{}': routing scores {}", request.agent(), describe(route.scores()));
    if (route.chosen() == null) {
      return text(noMatch(request.agent(), route));
    }
    SkillPlan plan = route.chosen();

    var params = new LinkedHashMap<String, String>();
    var missing = new ArrayList<String>();
    for (Extractor extractor : plan.extractors()) {
      extractor
          .extract(transcript.userText())
          .ifPresentOrElse(
              v -> params.put(extractor.name(), v),
              () -> {
                if (extractor.required()) {
                  missing.add(extractor.name());
                }
              });
    }
    if (!missing.isEmpty()) {
      return text(
          "To handle this as '"
              + plan.skill().name()
              + "' I need "
              + (missing.size() == 1 ? "the parameter " : "the parameters ")
              + missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "))
              + ", which I could not find in the request. Please say "
              + (missing.size() == 1 ? "it." : "them."));
    }
    return step(request, transcript, plan, params);
  }

  private ModelResponse step(
      ModelRequest request, Transcript transcript, SkillPlan plan, Map<String, String> params) {
    List<List<ToolCall>> recorded = transcript.turns();
    int turn = 0;
    for (int i = 0; i < plan.steps().size(); i++) {
      PlanState state = state(transcript, plan, params, turn);
      List<PlannedCall> calls = evaluate(plan, i, state);
      if (calls.isEmpty()) {
        continue;
      }
      if (turn < recorded.size()) {
        List<String> planned = calls.stream().map(PlannedCall::tool).toList();
        List<String> made = recorded.get(turn).stream().map(ToolCall::name).toList();
        if (!planned.equals(made)) {
          return text(mismatch(plan, turn + 1, made, "step " + (i + 1) + " calls " + planned));
        }
        turn++;
        continue;
      }
      return callTools(request, plan, turn + 1, calls);
    }
    if (turn < recorded.size()) {
      List<String> made = recorded.get(turn).stream().map(ToolCall::name).toList();
      return text(mismatch(plan, turn + 1, made, "the plan has no step left"));
    }
    String answer;
    try {
      answer = plan.answer().apply(state(transcript, plan, params, turn));
    } catch (RuntimeException e) {
      throw failure(plan, "answer", e);
    }
    if (answer == null) {
      throw new ModelFailure(
          "offline planner: skill '" + plan.skill().id() + "': the answer function returned null",
          false);
    }
    return text(answer);
  }

  private ModelResponse callTools(
      ModelRequest request, SkillPlan plan, int turn, List<PlannedCall> calls) {
    Set<String> offered = request.tools().stream().map(ToolSpec::name).collect(Collectors.toSet());
    for (PlannedCall call : calls) {
      if (!offered.contains(call.tool())) {
        return text(
            "Skill '"
                + plan.skill().id()
                + "' needs the tool '"
                + call.tool()
                + "', which is not offered to agent '"
                + request.agent()
                + "' in this run (offered: "
                + (offered.isEmpty()
                    ? "none"
                    : request.tools().stream()
                        .map(ToolSpec::name)
                        .collect(Collectors.joining(", ")))
                + "). The offline planner did not call it.");
      }
    }
    var toolCalls = new ArrayList<ToolCall>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      PlannedCall call = calls.get(i);
      String arguments;
      try {
        arguments = Json.arguments(call.arguments());
      } catch (IllegalArgumentException e) {
        throw failure(plan, "arguments of " + call.tool(), e);
      }
      toolCalls.add(new ToolCall("call-" + turn + "-" + (i + 1), call.tool(), arguments));
    }
    return new ModelResponse(new Message.Assistant(null, toolCalls), Usage.ZERO, MODEL_LABEL);
  }

  private static List<PlannedCall> evaluate(SkillPlan plan, int index, PlanState state) {
    List<PlannedCall> calls;
    try {
      calls = plan.steps().get(index).calls(state);
    } catch (RuntimeException e) {
      throw failure(plan, "step " + (index + 1), e);
    }
    return calls == null ? List.of() : calls;
  }

  private static PlanState state(
      Transcript transcript, SkillPlan plan, Map<String, String> params, int turns) {
    return new PlanState(plan.skill(), transcript.task(), params, transcript.exchanges(turns));
  }

  private static ModelFailure failure(SkillPlan plan, String where, RuntimeException e) {
    return new ModelFailure(
        "offline planner: skill '" + plan.skill().id() + "': " + where + " failed: " + e, false, e);
  }

  private static ModelResponse text(String text) {
    return new ModelResponse(Message.Assistant.text(text), Usage.ZERO, MODEL_LABEL);
  }

  private String noMatch(String agent, Router.Route route) {
    Router.Score best = route.scores().get(0);
    return "No declared skill of agent '"
        + agent
        + "' matches this request (offline planner: the closest, '"
        + best.plan().skill().id()
        + "', scores "
        + best.similarity()
        + ", below the threshold "
        + router.threshold()
        + "). Declared skills: "
        + skills.get(agent).stream()
            .map(p -> p.skill().id() + " (" + p.skill().description() + ")")
            .collect(Collectors.joining("; "))
        + ".";
  }

  private static String mismatch(SkillPlan plan, int turn, List<String> made, String now) {
    return "The offline planner cannot continue skill '"
        + plan.skill().id()
        + "': tool-call turn "
        + turn
        + " of the conversation called "
        + made
        + " but "
        + now
        + ". The conversation does not match the plan (was the plan changed?).";
  }

  private static String describe(List<Router.Score> scores) {
    return scores.stream()
        .map(s -> s.plan().skill().id() + "=" + s.similarity())
        .collect(Collectors.joining(", "));
  }

  /** Builds an {@link OfflinePlanner}; validated in {@link #build()}. */
  public static final class Builder {
    private final Map<String, List<SkillPlan>> skills = new LinkedHashMap<>();
    private double threshold = DEFAULT_THRESHOLD;
    private Embedder embedder = Embedder.allMiniLmL6V2();

    private Builder() {}

    /** Declares a skill plan for {@code agent}; skills are tried in declaration order on ties. */
    public Builder skill(String agent, SkillPlan plan) {
      Objects.requireNonNull(agent, "agent");
      Objects.requireNonNull(plan, "plan");
      skills.computeIfAbsent(agent, a -> new ArrayList<>()).add(plan);
      return this;
    }

    /**
     * The least cosine similarity, in [0, 1], a request needs with a skill to be routed to it;
     * defaults to {@link OfflinePlanner#DEFAULT_THRESHOLD}.
     */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /** The sentence embedder; defaults to {@link Embedder#allMiniLmL6V2()}. */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      return this;
    }

    /**
     * Builds the planner; the embedding model is loaded on first use, not here.
     *
     * @throws InvalidInput if the threshold is outside [0, 1] or an agent declares a skill id twice
     */
    public OfflinePlanner build() {
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new InvalidInput("threshold", "must be between 0 and 1, got " + threshold);
      }
      skills.forEach(
          (agent, plans) -> {
            var ids = new HashSet<String>();
            for (SkillPlan plan : plans) {
              if (!ids.add(plan.skill().id())) {
                throw new InvalidInput(
                    "agent '" + agent + "'", "declares skill '" + plan.skill().id() + "' twice");
              }
            }
          });
      return new OfflinePlanner(this);
    }
  }
}
