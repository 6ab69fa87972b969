package dev.colony.governance;

import static dev.colony.governance.Calls.call;
import static dev.colony.governance.Calls.engine;
import static dev.colony.governance.Calls.tool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.gate.Decision;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionTests {
  static final String AMOUNT =
      """
      {"type":"object","properties":{"amount":{"type":"integer"}},"required":["amount"]}""";
  static final ToolSpec LOOKUP = tool("lookup", RiskTier.READ);
  static final ToolSpec CREDIT = tool("credit", RiskTier.WRITE_LOW, AMOUNT);
  static final ToolSpec REFUND = tool("refund", RiskTier.WRITE_HIGH, AMOUNT);
  static final ToolSpec WIPE = tool("wipe", RiskTier.CRITICAL);
  static final List<ToolSpec> TOOLS = List.of(LOOKUP, CREDIT, REFUND, WIPE);

  @Test
  void withNoPoliciesEveryCallIsDenied() {
    var engine = engine(TOOLS, "");

    for (var spec : TOOLS) {
      var decision = engine.decide(call("clerk", spec, "{\"amount\":1}"));
      assertThat(decision).isInstanceOf(Decision.Deny.class);
      assertThat(decision.policies()).containsExactly("cedar:default-deny");
      assertThat(decision.reason())
          .startsWith("no Cedar policy permits agent:clerk to call '" + spec.name() + "'");
    }
  }

  @Test
  void aForbidWinsOverAPermit() {
    var engine =
        engine(
            TOOLS,
            """
            @id("anyone-looks-up") permit (principal, action, resource);
            @id("not-the-intern") forbid (principal == Colony::Agent::"intern", action, resource);
            """);

    var decision = engine.decide(call("intern", LOOKUP, "{}"));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.policies()).containsExactly("not-the-intern");
    assertThat(decision.reason()).isEqualTo("forbidden by not-the-intern (test.cedar:2)");
    assertThat(engine.decide(call("clerk", LOOKUP, "{}"))).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void decisionsNameEveryPolicyThatDecided() {
    var engine =
        engine(
            TOOLS,
            """
            @id("lookups-are-fine") permit (principal, action == Colony::Action::"lookup", resource);
            @id("reads-are-fine") @reason("reads harm nobody")
            permit (principal, action in Colony::Action::"tier:READ", resource);
            """);

    var decision = engine.decide(call("clerk", LOOKUP, "{}"));

    assertThat(decision)
        .isEqualTo(
            new Decision.Allow(
                "tier READ: allowed and recorded; permitted by lookups-are-fine (test.cedar:1),"
                    + " reads-are-fine (test.cedar:2: reads harm nobody)",
                List.of("lookups-are-fine", "reads-are-fine")));
  }

  @Test
  void writeLowIsAllowedWithinTheLimitAPolicyStates() {
    var engine =
        engine(
            TOOLS,
            """
            @id("small-credits")
            permit (principal, action == Colony::Action::"credit", resource)
            when { context.input.amount <= 200 };
            """);

    assertThat(engine.decide(call("clerk", CREDIT, "{\"amount\":200}")))
        .isEqualTo(
            new Decision.Allow(
                "tier WRITE_LOW: allowed within the limits of small-credits (test.cedar:1)",
                List.of("small-credits")));
  }

  @Test
  void writeLowOverTheLimitAPolicyStatesIsDenied() {
    var engine =
        engine(
            TOOLS,
            """
            @id("small-credits")
            permit (principal, action == Colony::Action::"credit", resource)
            when { context.input.amount <= 200 };
            """);

    var decision = engine.decide(call("clerk", CREDIT, "{\"amount\":201}"));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.reason()).contains("'credit' (tier WRITE_LOW) with these arguments");
  }

  @Test
  void writeHighPermittedByPolicyNeedsOneApproval() {
    var engine = engine(TOOLS, "@id(\"refunds\") permit (principal, action, resource);");

    var decision = engine.decide(call("clerk", REFUND, "{\"amount\":5}"));

    assertThat(decision)
        .isEqualTo(
            new Decision.NeedsApproval(
                "tier WRITE_HIGH: permitted by refunds (test.cedar:1); a person must approve this"
                    + " call",
                1,
                List.of("refunds")));
  }

  @Test
  void criticalWithoutAPolicyThatPermitsItIsDenied() {
    var engine =
        engine(TOOLS, "permit (principal, action == Colony::Action::\"lookup\", resource);");

    assertThat(engine.decide(call("clerk", WIPE, "{}"))).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void criticalPermittedByPolicyNeedsTwoApprovals() {
    var engine =
        engine(
            TOOLS,
            "@id(\"wipes\") permit (principal, action == Colony::Action::\"wipe\", resource);");

    var decision = engine.decide(call("clerk", WIPE, "{}"));

    assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(((Decision.NeedsApproval) decision).approvals()).isEqualTo(2);
    assertThat(decision.reason()).contains("two people, neither of them the requester");
  }

  @Test
  void aPolicyThatCannotBeEvaluatedDeniesTheCallEvenWhenAnotherPermits() {
    var engine =
        engine(
            TOOLS,
            """
            @id("credits") permit (principal, action == Colony::Action::"credit", resource);
            @id("overflows") forbid (principal, action == Colony::Action::"credit", resource)
            when { context.input.amount * 1000000000000 > 5 };
            """);

    var decision = engine.decide(call("clerk", CREDIT, "{\"amount\":9999999999}"));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.policies()).containsExactly("overflows");
    assertThat(decision.reason())
        .startsWith("Cedar could not evaluate overflows (test.cedar:2): ")
        .contains("overflow")
        .endsWith("the call is denied (fail closed)");
  }

  @Test
  void aToolTheEngineWasNotBuiltWithIsDenied() {
    var engine = engine(TOOLS, "permit (principal, action, resource);");

    var decision = engine.decide(call("clerk", tool("other", RiskTier.READ), "{}"));

    assertThat(decision.policies()).containsExactly("cedar:unknown-tool");
    assertThat(decision.reason()).contains("'other' is not in the Cedar schema");
  }

  @Test
  void aToolWhoseTierChangedSinceLoadingIsDenied() {
    var engine = engine(TOOLS, "permit (principal, action, resource);");

    var decision = engine.decide(call("clerk", tool("lookup", RiskTier.WRITE_LOW), "{}"));

    assertThat(decision.policies()).containsExactly("cedar:stale-tool");
  }

  @Test
  void policiesSeeTheUserTheAgentActsForAndTheTenant() {
    var engine =
        engine(
            TOOLS,
            """
            permit (principal in Colony::Tenant::"acme", action, resource)
            when { context has user && context.user == Colony::User::"rep-7"
                   && context.tenant == Colony::Tenant::"acme" };
            """);
    var otherUser = Envelope.of(Calls.TENANT, Principal.user("rep-8"), Set.of());

    assertThat(engine.decide(call("clerk", LOOKUP, "{}"))).isInstanceOf(Decision.Allow.class);
    assertThat(engine.decide(call(otherUser, "clerk", LOOKUP, "{}")))
        .isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aUserCallingAToolThemselvesIsThePrincipalAndTheUser() {
    var engine =
        engine(
            TOOLS,
            "permit (principal == Colony::User::\"rep-7\", action, resource)"
                + " when { context has user && context.user == principal"
                + " && principal in Colony::Tenant::\"acme\" };");

    assertThat(engine.decide(Calls.direct(Calls.USER, "none", LOOKUP, "{}")))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void policiesSeeTheToolAsTheResource() {
    var engine =
        engine(
            TOOLS,
            "permit (principal, action, resource == Colony::Tool::\"lookup\")"
                + " when { resource.tier == \"READ\" && context.tier == resource.tier };");

    assertThat(engine.decide(call("clerk", LOOKUP, "{}"))).isInstanceOf(Decision.Allow.class);
  }

  @Test
  void tierGroupsCoverEveryToolOfTheirTier() {
    var engine =
        engine(
            TOOLS,
            """
            permit (principal, action, resource);
            @id("no-writes") forbid (principal, action in Colony::Action::"tier:WRITE", resource);
            """);

    assertThat(engine.decide(call("clerk", LOOKUP, "{}"))).isInstanceOf(Decision.Allow.class);
    assertThat(engine.decide(call("clerk", CREDIT, "{\"amount\":1}")).policies())
        .containsExactly("no-writes");
    assertThat(engine.decide(call("clerk", WIPE, "{}")).policies()).containsExactly("no-writes");
  }

  @Test
  void principalIdsAreTakenVerbatim() {
    var engine =
        engine(
            TOOLS,
            "permit (principal == Colony::Agent::\"a \\\"quoted\\\" agent\", action, resource);");

    assertThat(engine.decide(call("a \"quoted\" agent", LOOKUP, "{}")))
        .isInstanceOf(Decision.Allow.class);
    assertThat(engine.decide(call("a quoted agent", LOOKUP, "{}")))
        .isInstanceOf(Decision.Deny.class);
  }

  @Test
  void malformedArgumentsAreDenied() {
    var engine = engine(TOOLS, "permit (principal, action, resource);");

    assertThat(engine.decide(call("clerk", CREDIT, "{\"amount\": 1")).reason())
        .startsWith("arguments of 'credit' are not valid JSON");
    assertThat(engine.decide(call("clerk", CREDIT, "[1]")).reason())
        .isEqualTo("arguments of 'credit' must be a JSON object");
    assertThat(engine.decide(call("clerk", CREDIT, "{}")).reason())
        .endsWith("arguments.amount: is required but missing");
  }

  @Test
  void concurrentCallersGetTheSameDecisions() throws Exception {
    var engine =
        engine(
            TOOLS,
            "permit (principal, action == Colony::Action::\"credit\", resource)"
                + " when { context.input.amount <= 200 };");
    var results = new java.util.concurrent.ConcurrentLinkedQueue<Boolean>();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 400; i++) {
        var amount = i;
        threads.submit(
            () ->
                results.add(
                    engine.decide(call("clerk", CREDIT, "{\"amount\":" + amount + "}"))
                            instanceof Decision.Allow
                        == (amount <= 200)));
      }
    }

    assertThat(results).hasSize(400).containsOnly(true);
  }
}
