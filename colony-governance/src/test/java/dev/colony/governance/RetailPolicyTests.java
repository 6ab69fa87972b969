package dev.colony.governance;

import static dev.colony.governance.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.gate.Decision;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The retail example's policies decide the example's calls as the issue describes. */
class RetailPolicyTests {
  static final List<ToolSpec> TOOLS = RetailTools.specs();
  static final List<String> FILES =
      List.of("support", "orders", "payments", "inventory", "guardrails");

  static List<PolicyFile> retailFiles() {
    return FILES.stream().map(f -> PolicyFile.resource("policies/retail/" + f + ".cedar")).toList();
  }

  static CedarPolicyEngine retailEngine(String... extraTestFiles) {
    var files = new ArrayList<>(retailFiles());
    for (var extra : extraTestFiles) {
      files.add(PolicyFile.resource("retail/" + extra + ".cedar"));
    }
    return CedarPolicyEngine.builder(TOOLS).policies(files.toArray(PolicyFile[]::new)).build();
  }

  final CedarPolicyEngine engine = retailEngine();

  private Decision decide(String agent, String tool, String arguments) {
    return engine.decide(call(agent, Calls.spec(TOOLS, tool), arguments));
  }

  private static String reship(String speed, String maxCost) {
    return "{\"order_id\":\"1001\",\"sku\":\"SCARF-02\",\"warehouse\":\"berlin\",\"speed\":\""
        + speed
        + "\",\"max_cost\":"
        + maxCost
        + "}";
  }

  private static String refund(String amount) {
    return "{\"charge_id\":\"CH-7782\",\"amount\":" + amount + ",\"reason\":\"duplicate charge\"}";
  }

  @Test
  void domainAgentsReadTheirOwnDomainsTools() {
    assertThat(decide("orders", "get_order", "{\"order_id\":\"1001\"}"))
        .isInstanceOf(Decision.Allow.class)
        .extracting(Decision::policies)
        .isEqualTo(List.of("orders-reads"));
    assertThat(decide("payments", "list_charges", "{\"order_id\":\"1001\"}"))
        .isInstanceOf(Decision.Allow.class);
    assertThat(decide("inventory", "check_stock", "{\"sku\":\"SCARF-02\"}"))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void anAgentCannotReadAnotherDomainsTools() {
    assertThat(decide("orders", "list_charges", "{\"order_id\":\"1001\"}"))
        .isInstanceOf(Decision.Deny.class)
        .extracting(Decision::policies)
        .isEqualTo(List.of("cedar:default-deny"));
  }

  @Test
  void aNextDayReshipmentWithinTheCostLimitIsAllowed() {
    var decision = decide("orders", "reship_item", reship("NEXT_DAY", "15"));

    assertThat(decision).isInstanceOf(Decision.Allow.class);
    assertThat(decision.policies()).containsExactly("reship-next-day-within-cost");
    assertThat(decision.reason()).startsWith("tier WRITE_LOW: allowed within the limits of");
  }

  @Test
  void aReshipmentAtExactlyTheCostLimitIsAllowed() {
    assertThat(decide("orders", "reship_item", reship("NEXT_DAY", "20.00")))
        .isInstanceOf(Decision.Allow.class);
  }

  @Test
  void aStandardReshipmentIsDeniedAndTheDenialSaysWhatIsPermitted() {
    var decision = decide("orders", "reship_item", reship("STANDARD", "15"));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.reason())
        .contains("no Cedar policy permits agent:orders to call 'reship_item'")
        .contains("reship-next-day-within-cost")
        .contains("NEXT_DAY and may cost at most 20.00 EUR");
  }

  @Test
  void aReshipmentOverTheCostLimitIsDenied() {
    assertThat(decide("orders", "reship_item", reship("NEXT_DAY", "20.01")))
        .isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aRefundByThePaymentsAgentNeedsOneApproval() {
    var decision = decide("payments", "refund_charge", refund("64.00"));

    assertThat(decision)
        .isEqualTo(
            new Decision.NeedsApproval(
                decision.reason(), 1, List.of("payments-may-request-refunds")));
    assertThat(decision.reason()).startsWith("tier WRITE_HIGH: permitted by");
  }

  @Test
  void aRefundByAnyOtherAgentIsDenied() {
    assertThat(decide("orders", "refund_charge", refund("64.00")))
        .isInstanceOf(Decision.Deny.class);
  }

  @Test
  void aRefundOver500IsForbiddenEvenForThePaymentsAgent() {
    var decision = decide("payments", "refund_charge", refund("500.01"));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.policies()).containsExactly("no-refund-over-500");
    assertThat(decision.reason())
        .startsWith("forbidden by no-refund-over-500 (policies/retail/payments.cedar:")
        .contains("finance team");
  }

  @Test
  void aRefundForAUserWhoDidNotDelegateTheRefundScopeIsForbiddenWhateverTheAgent() {
    var readOnly = Envelope.of(Calls.TENANT, Principal.user("rep-7"), Set.of("payments:read"));

    var decision =
        engine.decide(
            Calls.call(readOnly, "payments", Calls.spec(TOOLS, "refund_charge"), refund("64.00")));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.policies()).containsExactly("refund-needs-the-users-scope");
    assertThat(decision.reason()).contains("payments:refund scope, delegated by the user");
  }

  @Test
  void cancellingAnOrderIsDeniedByDefault() {
    var decision = decide("orders", "cancel_order", "{\"order_id\":\"1001\",\"reason\":\"fraud\"}");

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.reason()).contains("'cancel_order' (tier CRITICAL)");
  }

  @Test
  void cancellingAnOrderPermittedByPolicyNeedsTwoApprovals() {
    var decision =
        retailEngine("cancel-with-two-approvers")
            .decide(
                call(
                    "orders",
                    Calls.spec(TOOLS, "cancel_order"),
                    "{\"order_id\":\"1001\",\"reason\":\"confirmed fraud\"}"));

    assertThat(decision).isInstanceOf(Decision.NeedsApproval.class);
    assertThat(((Decision.NeedsApproval) decision).approvals()).isEqualTo(2);
    assertThat(decision.policies()).containsExactly("orders-cancel-for-fraud");
  }

  @Test
  void theOrchestratorMayAskTheDomainAgents() {
    assertThat(decide("support", "agent.payments", "{\"request\":\"refund the duplicate\"}"))
        .isInstanceOf(Decision.Allow.class)
        .extracting(Decision::policies)
        .isEqualTo(List.of("support-delegates-to-domain-agents"));
  }

  @Test
  void reservationsAreLimitedToFiveUnits() {
    var five = "{\"sku\":\"SCARF-02\",\"warehouse\":\"berlin\",\"quantity\":5}";
    var six = "{\"sku\":\"SCARF-02\",\"warehouse\":\"berlin\",\"quantity\":6}";

    assertThat(decide("inventory", "reserve_item", five)).isInstanceOf(Decision.Allow.class);
    assertThat(decide("inventory", "reserve_item", six)).isInstanceOf(Decision.Deny.class);
  }

  @Test
  void workNoPersonStartedChangesNothing() {
    var byService = Envelope.of(Calls.TENANT, Principal.service("scheduler"), Set.of());

    var decision =
        engine.decide(
            call(byService, "orders", Calls.spec(TOOLS, "reship_item"), reship("NEXT_DAY", "15")));

    assertThat(decision).isInstanceOf(Decision.Deny.class);
    assertThat(decision.policies()).containsExactly("writes-need-a-person");
  }

  @Test
  void aScopeForbidDeniesWritesForAUserWithoutTheScope() {
    var scoped = retailEngine("writes-need-scope");
    var spec = Calls.spec(TOOLS, "reship_item");
    var withScope = Envelope.of(Calls.TENANT, Principal.user("rep-7"), Set.of("retail:write"));

    assertThat(scoped.decide(call("orders", spec, reship("NEXT_DAY", "15"))).policies())
        .containsExactly("writes-need-retail-write-scope");
    assertThat(scoped.decide(call(withScope, "orders", spec, reship("NEXT_DAY", "15"))))
        .isInstanceOf(Decision.Allow.class);
  }
}
