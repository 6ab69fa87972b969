package dev.colony.governance;

import static dev.colony.governance.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.gate.Decision;
import dev.colony.core.tool.ToolSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Shadow (log-only) policies are decided and reported, and never change the outcome. */
class ShadowTests {
  static final List<ToolSpec> TOOLS = RetailTools.specs();
  static final ToolSpec RESHIP = Calls.spec(TOOLS, "reship_item");
  static final String NEXT_DAY_15 =
      "{\"order_id\":\"1001\",\"sku\":\"SCARF-02\",\"warehouse\":\"berlin\","
          + "\"speed\":\"NEXT_DAY\",\"max_cost\":15}";

  final List<ShadowDecision> heard = new CopyOnWriteArrayList<>();

  private CedarPolicyEngine engine(String shadowPolicies) {
    return CedarPolicyEngine.builder(TOOLS)
        .policies(RetailPolicyTests.retailFiles().toArray(PolicyFile[]::new))
        .shadowPolicies(PolicyFile.of("candidate.cedar", shadowPolicies))
        .shadowListener(heard::add)
        .build();
  }

  @Test
  void aShadowForbidIsReportedButTheCallIsStillAllowed() {
    var engine =
        engine(
            """
            @id("reship-at-most-10") @reason("candidate: a lower ceiling")
            forbid (principal, action == Colony::Action::"reship_item", resource)
            when { context.input.max_cost.greaterThan(decimal("10.00")) };
            """);

    var decision = engine.decide(call("orders", RESHIP, NEXT_DAY_15));

    assertThat(decision).isInstanceOf(Decision.Allow.class);
    assertThat(heard)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.enforced()).isEqualTo(decision);
              assertThat(d.shadow()).isInstanceOf(Decision.Deny.class);
              assertThat(d.shadow().policies()).containsExactly("reship-at-most-10");
              assertThat(d.differs()).isTrue();
            });
  }

  @Test
  void aShadowPermitIsReportedButTheCallIsStillDenied() {
    var engine =
        engine(
            """
            @id("standard-reships-too")
            permit (principal == Colony::Agent::"orders", action == Colony::Action::"reship_item", resource)
            when { context.input.speed == "STANDARD" };
            """);

    var decision =
        engine.decide(call("orders", RESHIP, NEXT_DAY_15.replace("NEXT_DAY", "STANDARD")));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(heard.getFirst().shadow()).isInstanceOf(Decision.Allow.class);
    assertThat(heard.getFirst().shadow().policies()).containsExactly("standard-reships-too");
  }

  @Test
  void callsNoShadowPolicyCoversAreReportedAsAgreeing() {
    var engine =
        engine("forbid (principal, action == Colony::Action::\"refund_charge\", resource);");

    engine.decide(call("orders", RESHIP, NEXT_DAY_15));

    assertThat(heard).singleElement().satisfies(d -> assertThat(d.differs()).isFalse());
  }

  @Test
  void aFailingShadowListenerDoesNotChangeTheDecision() {
    var engine =
        CedarPolicyEngine.builder(TOOLS)
            .policies(RetailPolicyTests.retailFiles().toArray(PolicyFile[]::new))
            .shadowPolicies(
                PolicyFile.of("candidate.cedar", "forbid (principal, action, resource);"))
            .shadowListener(
                d -> {
                  throw new IllegalStateException("ledger down");
                })
            .build();

    assertThat(engine.decide(call("orders", RESHIP, NEXT_DAY_15)))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void shadowPoliciesAreValidatedLikeEnforcedOnes() {
    assertThatThrownBy(
            () ->
                engine(
                    "permit (principal, action == Colony::Action::\"reship_item\", resource)\n"
                        + "when { context.input.colour == \"red\" };"))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageContaining("candidate.cedar:2:8: attribute `input.colour`");
  }

  @Test
  void aShadowPolicyCannotReuseAnEnforcedPolicysId() {
    assertThatThrownBy(() -> engine("@id(\"orders-reads\") forbid (principal, action, resource);"))
        .isInstanceOf(PolicyLoadException.class)
        .hasMessageContaining(
            "candidate.cedar:1:1: policy id 'orders-reads' is already used by the policy at"
                + " policies/retail/orders.cedar:3");
  }
}
