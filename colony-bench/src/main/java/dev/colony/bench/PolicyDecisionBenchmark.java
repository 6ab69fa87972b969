package dev.colony.bench;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.ToolCall;
import dev.colony.governance.CedarPolicyEngine;
import dev.colony.governance.PolicyFile;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One policy decision by the Cedar policy engine, {@link CedarPolicyEngine#decide}, with the node
 * and policy set of {@link BenchPolicies} loaded: 150 tools, 20 agents and {@code policies}
 * policies. Sampled ({@link Mode#SampleTime}), so JMH reports the percentiles of single decisions
 * (p50, p99, p99.9) besides their mean.
 *
 * <p>{@link #decide} is everything the engine does for a call: the Cedar request built from the
 * Gate's request (principal and user entities in their tenant, the tool's action and resource, the
 * context with the arguments parsed and typed from the tool's JSON Schema), the policy set chosen
 * for the tool and principal, Cedar's evaluation (cedar-java writes the request as JSON and hands
 * it to Cedar's native library, which parses it and evaluates the set), and the Colony decision
 * with its reason. The engine is built once per trial, as a node builds it once.
 *
 * <p>{@code decision} is the call decided, by agent {@code orders} for a person in tenant {@code
 * acme}:
 *
 * <ul>
 *   <li>{@code permitRead}: {@code get_orders}, READ, allowed by a permit with no condition;
 *   <li>{@code permitWriteLow}: {@code update_orders}, WRITE_LOW, allowed by a permit whose {@code
 *       when} checks the amount (a decimal), the quantity and the currency in {@code
 *       context.input};
 *   <li>{@code forbid}: the same call on a blocked order: the permit holds, and a forbid on the
 *       order's id denies it.
 * </ul>
 *
 * <p>{@code scopes=scoped} is the policy set as people write it: most policies name their principal
 * and actions in their scope, so the engine's index hands Cedar only the policies that can apply to
 * the tool and principal (with 1,000 policies: 18 for {@code get_orders}, 36 for {@code
 * update_orders}). {@code scopes=unscoped} is the same set with every scope moved into the policy's
 * {@code when} clause: the decisions are the same, but nothing can be sliced away, and Cedar
 * evaluates all the policies on every call. The setup checks that each call gets the decision its
 * name says, by the policies expected.
 *
 * <p>{@link #cedarFloor} is the floor: cedar-java alone, asked about the same call with the same
 * request Colony builds for it (the same entities and context), against a cached set of only the
 * policies that decide it. What {@link #decide} costs above it with {@code policies=10} is Colony's
 * own work plus the few other policies in the set.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyDecisionBenchmark {
  private static final Envelope ENVELOPE =
      Envelope.of(TenantId.of(BenchPolicies.TENANT), Principal.user("rep-7"), Set.of("orders:read"))
          .delegateTo(Principal.agent(BenchPolicies.AGENT), Set.of("orders:read"));

  /** The engine with a policy set loaded, and the call to decide. */
  @State(Scope.Benchmark)
  public static class Engine {
    @Param({"10", "1000"})
    public int policies;

    @Param({"permitRead", "permitWriteLow", "forbid"})
    public String decision;

    @Param({"scoped", "unscoped"})
    public String scopes;

    CedarPolicyEngine engine;
    GateRequest request;

    /** One engine for the trial, as a node builds one; checks the call's decision. */
    @Setup(Level.Trial)
    public void setUp() {
      var tools = BenchPolicies.tools();
      var text = BenchPolicies.policies(policies, !"unscoped".equals(scopes));
      engine =
          CedarPolicyEngine.builder(tools).policies(PolicyFile.of("bench.cedar", text)).build();
      if (engine.policyIds().size() != policies) {
        throw new IllegalStateException(
            "expected " + policies + " policies, loaded " + engine.policyIds().size());
      }
      var call = Call.of(decision);
      var spec = tools.stream().filter(s -> s.name().equals(call.tool)).findFirst().orElseThrow();
      request =
          new GateRequest(
              ENVELOPE,
              RunId.of("run-1"),
              BenchPolicies.AGENT,
              new ToolCall("c1", call.tool, call.arguments),
              spec,
              "run-1/c1",
              new GateRequest.Budgeting(Budget.DEFAULT, 0, Instant.EPOCH));
      var decided = engine.decide(request);
      if (decided instanceof Decision.Allow == call.denied
          || !decided.policies().equals(call.deciding)) {
        throw new IllegalStateException(
            "the call of '" + decision + "' was decided otherwise than expected: " + decided);
      }
    }
  }

  /** cedar-java alone, with the request Colony builds for the call. */
  @State(Scope.Benchmark)
  public static class Floor {
    private static final String NAMESPACE = "Colony::";

    @Param({"permitRead", "permitWriteLow", "forbid"})
    public String decision;

    AuthorizationEngine cedar;
    AuthorizationRequest request;
    PolicySet set;
    Set<Entity> entities;

    /** The request and the deciding policies, cached on Cedar's side as the engine caches sets. */
    @Setup(Level.Trial)
    public void setUp() throws AuthException, CacheException {
      var call = Call.of(decision);
      var tool = uid("Tool", call.tool);
      var action = uid("Action", call.tool);
      var tenant = uid("Tenant", BenchPolicies.TENANT);
      var agent = uid("Agent", BenchPolicies.AGENT);
      var user = uid("User", "rep-7");
      var groups = new HashSet<EntityUID>();
      groups.add(uid("Action", call.writes() ? "tier:WRITE_LOW" : "tier:READ"));
      if (call.writes()) {
        groups.add(uid("Action", "tier:WRITE"));
      }
      var tier = new PrimString(call.writes() ? "WRITE_LOW" : "READ");
      entities = new HashSet<>();
      entities.add(new Entity(action, groups));
      entities.add(
          new Entity(tool, Map.of("name", new PrimString(call.tool), "tier", tier), Set.of()));
      entities.add(new Entity(agent, Set.of(tenant)));
      entities.add(new Entity(user, Set.of(tenant)));
      var context = new HashMap<String, Value>();
      context.put("tier", tier);
      context.put("tenant", tenant);
      context.put("scopes", new CedarList(List.of(new PrimString("orders:read"))));
      context.put("user", user);
      context.put("input", call.input());
      request = new AuthorizationRequest(agent, action, tool, context);
      var policies = new LinkedHashSet<Policy>();
      for (var id : call.policies()) {
        policies.add(new Policy(BenchPolicies.policy(id), id));
      }
      set = new PolicySet(policies);
      set.cache();
      cedar = new BasicAuthorizationEngine();
      var answer = cedar.isAuthorized(request, set, entities).success.orElseThrow();
      if (answer.isAllowed() == call.denied
          || !answer.getReason().equals(Set.copyOf(call.deciding))) {
        throw new IllegalStateException(
            "Cedar decided the call of '" + decision + "' otherwise than expected: " + answer);
      }
    }

    private static EntityUID uid(String type, String id) {
      return EntityTypeName.parse(NAMESPACE + type).orElseThrow().of(id);
    }
  }

  /**
   * A call the benchmark decides.
   *
   * @param deciding the policies the decision names
   */
  private record Call(String tool, String arguments, boolean denied, List<String> deciding) {
    static Call of(String decision) {
      return switch (decision) {
        case "permitRead" ->
            new Call(
                BenchPolicies.READ_TOOL,
                BenchPolicies.READ_ARGUMENTS,
                false,
                List.of(BenchPolicies.READ_PERMIT));
        case "permitWriteLow" ->
            new Call(
                BenchPolicies.WRITE_LOW_TOOL,
                BenchPolicies.WRITE_LOW_ARGUMENTS,
                false,
                List.of(BenchPolicies.WRITE_LOW_PERMIT));
        case "forbid" ->
            new Call(
                BenchPolicies.WRITE_LOW_TOOL,
                BenchPolicies.FORBIDDEN_ARGUMENTS,
                true,
                List.of(BenchPolicies.BLOCKED_FORBID));
        default -> throw new IllegalArgumentException("unknown decision '" + decision + "'");
      };
    }

    boolean writes() {
      return tool.equals(BenchPolicies.WRITE_LOW_TOOL);
    }

    /** The policies that decide it; a forbidden call's permit holds too. */
    List<String> policies() {
      return denied
          ? List.of(BenchPolicies.WRITE_LOW_PERMIT, BenchPolicies.BLOCKED_FORBID)
          : deciding;
    }

    /** {@code context.input} as the engine types it from the tool's input schema. */
    CedarMap input() {
      var input = new CedarMap();
      if (!writes()) {
        input.put("id", new PrimString("1001"));
        input.put("limit", new PrimLong(20));
        return input;
      }
      input.put("id", new PrimString(denied ? "7777" : "1001"));
      input.put("amount", new Decimal("12.5"));
      input.put("quantity", new PrimLong(2));
      input.put("currency", new PrimString("EUR"));
      if (!denied) {
        input.put("note", new PrimString("damaged"));
      }
      return input;
    }
  }

  @Benchmark
  public Decision decide(Engine engine) {
    return engine.engine.decide(engine.request);
  }

  @Benchmark
  public AuthorizationResponse cedarFloor(Floor floor) throws AuthException {
    return floor.cedar.isAuthorized(floor.request, floor.set, floor.entities);
  }
}
