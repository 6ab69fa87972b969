package dev.colony.governance;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import dev.colony.core.ColonyException;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.gate.PolicyEngine;
import dev.colony.core.tool.ToolSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cedar as Colony's policy engine: decides each tool call by Cedar policies validated against
 * Colony's schema, then by the tool's risk tier. Immutable and thread-safe once built: policies are
 * parsed, validated and handed to Cedar's native side once, at {@link Builder#build()}; deciding
 * only reads.
 *
 * <pre>{@code
 * var engine = CedarPolicyEngine.builder(toolSpecs)
 *     .policies(Path.of("policies/retail"))          // enforced: every *.cedar file in it
 *     .shadowPolicies(Path.of("policies/candidate")) // log-only
 *     .build();                                      // PolicyLoadException: file:line:column
 * var runtime = AgentRuntime.builder()...gate(g -> g.policy(engine)).build();
 * }</pre>
 *
 * <p>A call is a Cedar request (see {@code colony.cedarschema} for the schema):
 *
 * <ul>
 *   <li>principal: the acting principal, {@code envelope.actor()}: {@code Colony::Agent::"orders"}
 *       (or {@code User}/{@code Service} by its kind), a member of {@code Colony::Tenant::"acme"};
 *   <li>action: one per tool, {@code Colony::Action::"reship_item"}, a member of its tier's group
 *       ({@code "tier:WRITE_LOW"}) and, for every tier that writes, of {@code "tier:WRITE"};
 *   <li>resource: the tool, {@code Colony::Tool::"reship_item"} with {@code name} and {@code tier};
 *   <li>context: {@code tier}, {@code tenant}, {@code scopes}, {@code user} (the originating user,
 *       when a person started the work) and {@code input}, the arguments typed from the tool's JSON
 *       Schema ({@code integer} is Long, {@code number} is decimal; see the package documentation).
 * </ul>
 *
 * <p>Cedar decides first: no permit, or any forbid, denies; an error while evaluating any policy
 * denies too (fail closed). A permitted call then meets its tier: {@code READ} and {@code
 * WRITE_LOW} are allowed (a {@code WRITE_LOW} tool's limits are the conditions of the policies that
 * permit it), {@code WRITE_HIGH} needs one approval, {@code CRITICAL} two. Every decision names the
 * policies behind it, by id: a policy's {@code @id} annotation, else {@code FILE#N} for the N-th
 * policy of the file. A {@code @reason} annotation is quoted in decisions.
 *
 * <p>Shadow policies are log-only: each call is decided again as if they were enforced too, and the
 * result is logged and handed to the {@link ShadowListener}; the Gate acts on the enforced decision
 * alone.
 */
public final class CedarPolicyEngine implements PolicyEngine {
  private static final Logger log = LoggerFactory.getLogger(CedarPolicyEngine.class);

  private final Map<String, ToolModel> tools;
  private final PolicyIndex enforced;
  private final PolicyIndex shadow;
  private final Map<String, PolicyLoader.Loaded> policies;
  private final Map<String, List<PolicyLoader.Loaded>> permits;
  private final String schemaText;
  private final CedarRequests requests;
  private final ShadowListener listener;

  private CedarPolicyEngine(Builder builder, AuthorizationEngine cedar) {
    var models = new LinkedHashMap<String, ToolModel>();
    for (var spec : builder.tools) {
      ToolModel model;
      try {
        model = ToolModel.of(spec);
      } catch (IllegalArgumentException e) {
        throw new PolicyLoadException(
            List.of(new PolicyLoadException.Problem("tools", 0, 0, e.getMessage())));
      }
      var earlier = models.putIfAbsent(spec.name(), model);
      if (earlier != null && !earlier.describes(spec)) {
        throw new PolicyLoadException(
            List.of(
                new PolicyLoadException.Problem(
                    "tools", 0, 0, "two different tools are named '" + spec.name() + "'")));
      }
      if (!model.omitted.isEmpty()) {
        log.debug(
            "tool '{}': arguments without a Cedar type are left out of context.input: {}",
            spec.name(),
            model.omitted);
      }
    }
    this.tools = Map.copyOf(models);
    this.schemaText = ColonySchema.withTools(models.values());
    var loaded =
        new PolicyLoader(cedar, new Schema(schemaText)).load(builder.enforced, builder.shadow);
    var byId = new HashMap<String, PolicyLoader.Loaded>();
    loaded.forEach(p -> byId.put(p.id(), p));
    this.policies = Map.copyOf(byId);
    var sets = new PolicyIndex.Sets();
    this.enforced =
        new PolicyIndex(models.values(), loaded.stream().filter(p -> !p.shadow()).toList(), sets);
    this.shadow =
        loaded.stream().anyMatch(PolicyLoader.Loaded::shadow)
            ? new PolicyIndex(models.values(), loaded, sets)
            : null;
    var hints = new HashMap<String, List<PolicyLoader.Loaded>>();
    for (var tool : models.values()) {
      hints.put(
          tool.spec.name(),
          loaded.stream()
              .filter(p -> p.permit() && !p.shadow() && p.reason() != null && p.covers(tool))
              .toList());
    }
    this.permits = Map.copyOf(hints);
    this.requests = new CedarRequests(cedar);
    this.listener = builder.listener;
    int cacheLimit =
        Integer.getInteger(PolicyIndex.CACHE_LIMIT_PROPERTY, PolicyIndex.DEFAULT_CACHE_LIMIT);
    if (sets.size() > cacheLimit / 2) {
      log.warn(
          "{} Cedar policy sets are cached, more than half of the {} that cedar-java caches in a"
              + " JVM (system property {}); every engine in the JVM shares that cache, and"
              + " building another one, such as a reload, fails once it is full",
          sets.size(),
          cacheLimit,
          PolicyIndex.CACHE_LIMIT_PROPERTY);
    }
    log.info(
        "Cedar policies loaded: {} enforced, {} shadow, {} tools, {} policy sets cached",
        loaded.stream().filter(p -> !p.shadow()).count(),
        loaded.stream().filter(PolicyLoader.Loaded::shadow).count(),
        models.size(),
        sets.size());
  }

  /**
   * A builder for an engine over the given tools: every tool the Gate will ask about, including
   * agent tools ({@code agent.NAME}). Each becomes an action in Colony's schema.
   */
  public static Builder builder(Collection<ToolSpec> tools) {
    return new Builder(tools);
  }

  /** An engine enforcing the policy files at the given paths (files or directories). */
  public static CedarPolicyEngine load(List<Path> policyFiles, Collection<ToolSpec> tools) {
    return builder(tools).policies(policyFiles.toArray(Path[]::new)).build();
  }

  /**
   * Loads Cedar's native library and returns the Cedar language version it implements.
   *
   * @throws ColonyException naming the platform when the native library cannot be loaded
   */
  public static String cedarLanguageVersion() {
    newCedar();
    return AuthorizationEngine.getCedarLangVersion();
  }

  /** The Cedar schema the policies were validated against, tool actions included. */
  public String schema() {
    return schemaText;
  }

  /** The ids of the loaded policies, enforced and shadow. */
  public Set<String> policyIds() {
    return policies.keySet();
  }

  @Override
  public Decision decide(GateRequest request) {
    var call = requests.call(request, tools);
    if (call instanceof CedarRequests.Refused refused) {
      return refused.decision();
    }
    var prepared = (CedarRequests.Prepared) call;
    var decision = decide(prepared, enforced.select(prepared));
    log.debug("{} -> {}", request.call().name(), decision);
    if (shadow != null) {
      reportShadow(request, prepared, decision);
    }
    return decision;
  }

  private Decision decide(CedarRequests.Prepared call, PolicySet set) {
    var verdict = requests.evaluate(call, set);
    return new Decisions(policies, permits.get(call.tool().spec.name()), call).of(verdict);
  }

  private void reportShadow(GateRequest request, CedarRequests.Prepared call, Decision enforced) {
    try {
      var name = call.tool().spec.name();
      var set = shadow.select(call);
      var decision = set == this.enforced.select(call) ? enforced : decide(call, set);
      var report = new ShadowDecision(request, enforced, decision);
      if (report.differs()) {
        log.info(
            "shadow policies would change the decision on '{}' for {}: enforced {}, shadow {}",
            name,
            request.envelope().actor(),
            enforced,
            decision);
      } else {
        log.debug("shadow policies agree on '{}': {}", name, decision);
      }
      if (listener != null) {
        listener.onShadowDecision(report);
      }
    } catch (RuntimeException e) {
      log.warn(
          "shadow evaluation of '{}' failed; the enforced decision stands: {}",
          call.tool().spec.name(),
          e.toString());
      log.debug("shadow evaluation failure", e);
    }
  }

  static AuthorizationEngine newCedar() {
    try {
      return new BasicAuthorizationEngine();
    } catch (LinkageError e) {
      throw new ColonyException(
          "Cedar's native library (cedar-java, classifier uber) could not be loaded on "
              + System.getProperty("os.name")
              + "/"
              + System.getProperty("os.arch")
              + ": "
              + e,
          e);
    }
  }

  /** Builds a {@link CedarPolicyEngine}; {@link #build()} loads and validates the policies. */
  public static final class Builder {
    private final List<ToolSpec> tools;
    private final List<PolicyFile> enforced = new ArrayList<>();
    private final List<PolicyFile> shadow = new ArrayList<>();
    private ShadowListener listener;

    private Builder(Collection<ToolSpec> tools) {
      this.tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    }

    /** Enforced policy files: each path a file, or a directory of {@code *.cedar} files. */
    public Builder policies(Path... paths) {
      for (var path : paths) {
        enforced.addAll(PolicyFile.read(path));
      }
      return this;
    }

    /** Enforced policy files given as text. */
    public Builder policies(PolicyFile... files) {
      enforced.addAll(List.of(files));
      return this;
    }

    /** Log-only policy files: each path a file, or a directory of {@code *.cedar} files. */
    public Builder shadowPolicies(Path... paths) {
      for (var path : paths) {
        shadow.addAll(PolicyFile.read(path));
      }
      return this;
    }

    /** Log-only policy files given as text. */
    public Builder shadowPolicies(PolicyFile... files) {
      shadow.addAll(List.of(files));
      return this;
    }

    /** Hears every shadow decision (besides the log). */
    public Builder shadowListener(ShadowListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Parses and validates every policy file, then prepares the engine.
     *
     * @throws PolicyLoadException listing every problem as {@code file:line:column: message}
     * @throws ColonyException if Cedar's native library cannot be loaded
     */
    public CedarPolicyEngine build() {
      return new CedarPolicyEngine(this, newCedar());
    }
  }
}
