package dev.colony.bench;

import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The tools and Cedar policies {@link PolicyDecisionBenchmark} decides with: a node of 150 tools in
 * 15 domains and 20 agents, and a policy set of any size drawn from a fixed mix of the policies
 * such a node would have.
 *
 * <p>Each domain (orders, payments, ...) has ten tools: six READ ({@code get_orders}, {@code
 * list_orders}, ...), two WRITE_LOW ({@code update_orders}, {@code reserve_orders}), one WRITE_HIGH
 * ({@code adjust_orders}) and one CRITICAL ({@code delete_orders}), with typed input schemas: every
 * tool takes an {@code id}; READ tools an optional {@code limit} (integer); WRITE_LOW tools an
 * {@code amount} (number, so a Cedar decimal), a {@code quantity} (integer), a {@code currency}
 * (string enum) and an optional {@code note}; the others an {@code amount} or a {@code reason}.
 * Each domain has its own agent, named after it; five more agents ({@code support}, {@code
 * reporting}, ...) work across domains.
 *
 * <p>The policy set always starts with the four policies the benchmark's calls are decided by (see
 * {@link #subjects()}); the rest is drawn, with a fixed seed, from this mix:
 *
 * <ul>
 *   <li>35%: an agent may read one to three READ tools of a domain ({@code principal ==}, {@code
 *       action in [...]});
 *   <li>25%: an agent may call a WRITE_LOW tool within limits: {@code when} over {@code
 *       context.input.amount}, {@code quantity} and sometimes {@code currency};
 *   <li>10%: an agent may ask for a WRITE_HIGH or CRITICAL call when it holds a scope and a person
 *       started the work;
 *   <li>15%: forbids on one tool: an argument over a limit, or a blocked id;
 *   <li>8%: permits for every principal of another tenant ({@code principal in Colony::Tenant});
 *   <li>5%: scoped to a tier's group, which covers every tool of the tier: the audit agent may read
 *       with an audit scope ({@code action in Colony::Action::"tier:READ"}); no writes in a frozen
 *       tenant ({@code action in Colony::Action::"tier:WRITE"}, {@code when} on {@code
 *       context.tenant});
 *   <li>2%: with no action in their scope at all (a suspended tenant, a quarantined agent, a
 *       break-glass scope), which no index can slice away.
 * </ul>
 *
 * <p>None of the drawn policies applies to the benchmark's calls, so the decisions are the same
 * whatever the size of the set; the benchmark checks that they are. With 1,000 policies, the
 * engine's index gives Cedar 18 of them for a call of {@code get_orders} by agent {@code orders},
 * and 36 for {@code update_orders}; it caches 617 policy sets. Stateless.
 */
final class BenchPolicies {
  static final String TENANT = "acme";
  static final String AGENT = "orders";
  static final String READ_TOOL = "get_orders";
  static final String WRITE_LOW_TOOL = "update_orders";
  static final String READ_PERMIT = "orders-read-orders";
  static final String WRITE_LOW_PERMIT = "orders-update-within-limits";
  static final String BLOCKED_FORBID = "order-7777-under-investigation";

  /** The READ call: permitted by {@link #READ_PERMIT}. */
  static final String READ_ARGUMENTS = "{\"id\":\"1001\",\"limit\":20}";

  /** The WRITE_LOW call: permitted by {@link #WRITE_LOW_PERMIT}, as it is within its limits. */
  static final String WRITE_LOW_ARGUMENTS =
      "{\"id\":\"1001\",\"amount\":12.5,\"quantity\":2,\"currency\":\"EUR\",\"note\":\"damaged\"}";

  /** The same call on the blocked order: permitted, and forbidden by {@link #BLOCKED_FORBID}. */
  static final String FORBIDDEN_ARGUMENTS =
      "{\"id\":\"7777\",\"amount\":12.5,\"quantity\":2,\"currency\":\"EUR\"}";

  static final List<String> DOMAINS =
      List.of(
          "orders",
          "payments",
          "inventory",
          "shipping",
          "customers",
          "catalog",
          "billing",
          "returns",
          "loyalty",
          "pricing",
          "fraud",
          "warehouse",
          "marketing",
          "accounts",
          "subscriptions");

  static final List<String> CROSS_AGENTS =
      List.of("support", "reporting", "audit", "ops", "triage");

  private static final List<String> READS =
      List.of("get", "list", "search", "find", "count", "export");
  private static final List<String> WRITES_LOW = List.of("update", "reserve");
  private static final String WRITE_HIGH = "adjust";
  private static final String CRITICAL = "delete";

  private static final String READ_SCHEMA =
      """
      {"type":"object","properties":{\
      "id":{"type":"string","pattern":"^[A-Z0-9-]{1,32}$"},\
      "limit":{"type":"integer","minimum":1,"maximum":100}},\
      "required":["id"],"additionalProperties":false}""";
  private static final String WRITE_LOW_SCHEMA =
      """
      {"type":"object","properties":{\
      "id":{"type":"string","pattern":"^[A-Z0-9-]{1,32}$"},\
      "amount":{"type":"number","minimum":0,"maximum":100000},\
      "quantity":{"type":"integer","minimum":1,"maximum":1000},\
      "currency":{"type":"string","enum":["EUR","USD","GBP"]},\
      "note":{"type":"string","maxLength":500}},\
      "required":["id","amount","quantity","currency"],"additionalProperties":false}""";
  private static final String WRITE_HIGH_SCHEMA =
      """
      {"type":"object","properties":{\
      "id":{"type":"string","pattern":"^[A-Z0-9-]{1,32}$"},\
      "amount":{"type":"number","minimum":0,"maximum":100000},\
      "reason":{"type":"string","minLength":3,"maxLength":500}},\
      "required":["id","amount","reason"],"additionalProperties":false}""";
  private static final String CRITICAL_SCHEMA =
      """
      {"type":"object","properties":{\
      "id":{"type":"string","pattern":"^[A-Z0-9-]{1,32}$"},\
      "reason":{"type":"string","minLength":3,"maxLength":500}},\
      "required":["id","reason"],"additionalProperties":false}""";

  /**
   * One policy, to be written with its scope in the head or, for {@code unscoped}, in its {@code
   * when} clause.
   *
   * @param principal a principal scope such as {@code principal == Colony::Agent::"orders"}, or
   *     {@code null} for any principal
   * @param actions action ids, or {@code null} for any action
   * @param when its condition, or {@code null}
   * @param unless its negated condition, or {@code null}
   */
  private record Rule(
      String id,
      boolean permit,
      String principal,
      List<String> actions,
      String when,
      String unless) {

    String text(boolean scoped) {
      var head = new StringBuilder("@id(\"").append(id).append("\")\n");
      head.append(permit ? "permit" : "forbid").append(" (");
      var conditions = new ArrayList<String>();
      if (scoped) {
        head.append(principal == null ? "principal" : principal).append(", ");
        head.append(actions == null ? "action" : "action in " + actionList()).append(", resource)");
        if (when != null) {
          conditions.add(when);
        }
        if (unless != null) {
          head.append("\nunless { ").append(unless).append(" }");
        }
      } else {
        head.append("principal, action, resource)");
        if (principal != null) {
          conditions.add(principal);
        }
        if (actions != null) {
          conditions.add("action in " + actionList());
        }
        if (when != null) {
          conditions.add("(" + when + ")");
        }
        if (unless != null) {
          conditions.add("!(" + unless + ")");
        }
      }
      if (!conditions.isEmpty()) {
        head.append("\nwhen { ").append(String.join(" && ", conditions)).append(" }");
      }
      return head.append(";\n").toString();
    }

    private String actionList() {
      return actions.stream()
          .map(BenchPolicies::action)
          .collect(Collectors.joining(", ", "[", "]"));
    }
  }

  private BenchPolicies() {}

  /** The 150 tools, in domain order. */
  static List<ToolSpec> tools() {
    var tools = new ArrayList<ToolSpec>();
    for (var domain : DOMAINS) {
      for (var verb : READS) {
        tools.add(spec(verb + "_" + domain, RiskTier.READ, READ_SCHEMA));
      }
      for (var verb : WRITES_LOW) {
        tools.add(spec(verb + "_" + domain, RiskTier.WRITE_LOW, WRITE_LOW_SCHEMA));
      }
      tools.add(spec(WRITE_HIGH + "_" + domain, RiskTier.WRITE_HIGH, WRITE_HIGH_SCHEMA));
      tools.add(spec(CRITICAL + "_" + domain, RiskTier.CRITICAL, CRITICAL_SCHEMA));
    }
    return List.copyOf(tools);
  }

  /**
   * A policy file of {@code count} policies (at least the four {@link #subjects()}).
   *
   * @param scoped whether each policy names its principal and actions in its scope, as people write
   *     them; if not, both move into its {@code when} clause, so that every policy has an
   *     unconstrained scope and every call is decided by the whole set, unsliced
   */
  static String policies(int count, boolean scoped) {
    var rules = new ArrayList<>(subjects());
    var random = new Random(20_260_521L);
    while (rules.size() < count) {
      rules.add(drawn(rules.size(), random));
    }
    return rules.stream().map(r -> r.text(scoped)).collect(Collectors.joining("\n"));
  }

  /** The text of one of the policies that decide the benchmark's calls, without its annotation. */
  static String policy(String id) {
    var rule =
        subjects().stream()
            .filter(r -> r.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no subject policy '" + id + "'"));
    var text = rule.text(true);
    return text.substring(text.indexOf('\n') + 1);
  }

  /** The policies that decide the benchmark's calls. */
  private static List<Rule> subjects() {
    return List.of(
        new Rule(
            READ_PERMIT,
            true,
            agent(AGENT),
            List.of(READ_TOOL, "list_orders", "search_orders"),
            null,
            null),
        new Rule(
            WRITE_LOW_PERMIT,
            true,
            agent(AGENT),
            List.of(WRITE_LOW_TOOL),
            "context.input.amount.lessThanOrEqual(decimal(\"50.00\"))"
                + " && context.input.quantity <= 5 && context.input.currency == \"EUR\"",
            null),
        new Rule(
            BLOCKED_FORBID,
            false,
            null,
            List.of(WRITE_LOW_TOOL, "reserve_orders", "adjust_orders"),
            "context.input.id == \"7777\"",
            null),
        new Rule(
            "writes-need-a-person", false, null, List.of("tier:WRITE"), null, "context has user"));
  }

  private static Rule drawn(int n, Random random) {
    var domain = DOMAINS.get(random.nextInt(DOMAINS.size()));
    var agent =
        random.nextInt(5) == 0 ? CROSS_AGENTS.get(random.nextInt(CROSS_AGENTS.size())) : domain;
    int kind = random.nextInt(100);
    if (kind < 35) {
      var reads = new ArrayList<>(READS);
      Collections.shuffle(reads, random);
      var tools = reads.subList(0, 1 + random.nextInt(3)).stream().map(v -> v + "_" + domain);
      // The benchmark's agent reads its own domain by READ_PERMIT alone.
      var principal = agent.equals(AGENT) ? "support" : agent;
      return new Rule("p" + n, true, agent(principal), tools.toList(), null, null);
    }
    if (kind < 60) {
      var tool = WRITES_LOW.get(random.nextInt(WRITES_LOW.size())) + "_" + domain;
      var principal = tool.equals(WRITE_LOW_TOOL) ? "support" : agent;
      var when =
          "context.input.amount.lessThanOrEqual(decimal(\""
              + (10 + random.nextInt(990))
              + ".00\")) && context.input.quantity <= "
              + (1 + random.nextInt(50))
              + (random.nextBoolean() ? " && context.input.currency == \"EUR\"" : "");
      return new Rule("p" + n, true, agent(principal), List.of(tool), when, null);
    }
    if (kind < 70) {
      var tool = (random.nextBoolean() ? WRITE_HIGH : CRITICAL) + "_" + domain;
      var when = "context has user && context.scopes.contains(\"" + domain + ":write\")";
      return new Rule("p" + n, true, agent(agent), List.of(tool), when, null);
    }
    if (kind < 85) {
      if (random.nextBoolean()) {
        var tool = (random.nextBoolean() ? "update_" : "adjust_") + domain;
        var when = "context.input.amount.greaterThan(decimal(\"" + (1000 + n) + ".00\"))";
        return new Rule("f" + n, false, null, List.of(tool), when, null);
      }
      var tool = READS.get(random.nextInt(READS.size())) + "_" + domain;
      var when = "context.input.id == \"B-" + n + "\"";
      return new Rule("f" + n, false, null, List.of(tool), when, null);
    }
    if (kind < 93) {
      var tenant = "principal in Colony::Tenant::\"partner-" + random.nextInt(40) + "\"";
      var tools = List.of("get_" + domain, "list_" + domain);
      return new Rule("p" + n, true, tenant, tools, null, null);
    }
    if (kind < 98) {
      if (random.nextBoolean()) {
        var when = "context.scopes.contains(\"audit:" + n + "\")";
        return new Rule("p" + n, true, agent("audit"), List.of("tier:READ"), when, null);
      }
      var when = "context.tenant == Colony::Tenant::\"frozen-" + n + "\"";
      return new Rule("f" + n, false, null, List.of("tier:WRITE"), when, null);
    }
    return switch (random.nextInt(3)) {
      case 0 ->
          new Rule(
              "f" + n,
              false,
              null,
              null,
              "context.tenant == Colony::Tenant::\"suspended-" + n + "\"",
              null);
      case 1 ->
          new Rule(
              "f" + n,
              false,
              agent(CROSS_AGENTS.get(random.nextInt(2))),
              null,
              "context.scopes.contains(\"quarantine:" + n + "\")",
              null);
      default ->
          new Rule(
              "p" + n,
              true,
              null,
              null,
              "resource.tier == \"READ\" && context.scopes.contains(\"break-glass:" + n + "\")",
              null);
    };
  }

  private static String agent(String name) {
    return "principal == Colony::Agent::\"" + name + "\"";
  }

  private static String action(String id) {
    return "Colony::Action::\"" + id + "\"";
  }

  private static ToolSpec spec(String name, RiskTier tier, String schema) {
    return new ToolSpec(name, name.replace('_', ' '), schema, null, tier);
  }
}
