package dev.colony.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.agent.SkillSpec;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Four plausible retail support skills, for tests. */
final class RetailSkills {
  static final String AGENT = "support";

  static final SkillSpec BILLING =
      new SkillSpec(
          "billing",
          "Billing",
          "Billing and payment problems: duplicate or wrong charges, refunds and invoices",
          List.of("payments"),
          List.of(
              "I was charged twice for my order",
              "please refund the extra payment",
              "I need a copy of my invoice",
              "there is a charge on my card I don't recognise"));

  static final SkillSpec DELIVERY =
      new SkillSpec(
          "delivery",
          "Delivery",
          "Delivery problems: missing or late items, reshipping and tracking packages",
          List.of("orders"),
          List.of(
              "one item from my order never arrived",
              "my package is missing an item",
              "can you resend the missing item",
              "where is my parcel",
              "I need it delivered by tomorrow"));

  static final SkillSpec STOCK =
      new SkillSpec(
          "stock",
          "Stock",
          "Product availability: whether an item is in stock, and alternatives",
          List.of("inventory"),
          List.of(
              "is this product in stock",
              "do you have the blue kettle available",
              "when will this be back in stock",
              "suggest a similar product"));

  static final SkillSpec ACCOUNT =
      new SkillSpec(
          "account",
          "Account",
          "Account settings: password, email address and login problems",
          List.of("account"),
          List.of("I can't log in", "reset my password", "change the email on my account"));

  static final List<SkillSpec> ALL = List.of(BILLING, DELIVERY, STOCK, ACCOUNT);

  static final Extractor ORDER_ID = Extractor.regex("order_id", "order\\s*#?\\s*(\\d+)");

  static final Extractor SHIPPING =
      Extractor.keywords(
          "shipping",
          Map.of("tomorrow", "next_day", "next day", "next_day", "asap", "next_day"),
          "standard");

  private RetailSkills() {}

  /** Looks up the order and its shipments together, then reships the item that never arrived. */
  static SkillPlan deliveryPlan() {
    return SkillPlan.builder(DELIVERY)
        .extractor(ORDER_ID)
        .extractor(SHIPPING)
        .step(
            s ->
                List.of(
                    PlannedCall.of("get_order", Map.of("order_id", s.param("order_id"))),
                    PlannedCall.of("get_shipments", Map.of("order_id", s.param("order_id")))))
        .step(
            s ->
                missingSku(s)
                    .map(
                        sku ->
                            List.of(
                                PlannedCall.of(
                                    "reship_item",
                                    Map.of(
                                        "order_id", s.param("order_id"),
                                        "sku", sku,
                                        "shipping", s.param("shipping")))))
                    .orElse(List.of()))
        .answer(
            s ->
                s.latest("reship_item")
                    .map(
                        r ->
                            r.error()
                                ? "Could not reship: " + r.errorMessage()
                                : "Reshipped "
                                    + r.arguments().path("sku").asText()
                                    + " with "
                                    + s.param("shipping")
                                    + " shipping.")
                    .orElseGet(() -> SkillPlan.defaultAnswer(s)))
        .build();
  }

  /** Lists the order's charges and refunds the second one if there are two. */
  static SkillPlan billingPlan() {
    return SkillPlan.builder(BILLING)
        .extractor(ORDER_ID)
        .step(PlanStep.call("list_charges", s -> Map.of("order_id", s.param("order_id"))))
        .step(
            PlanStep.call(
                    "refund_charge",
                    s -> Map.of("charge_id", charges(s).get(1).path("id").asText()))
                .onlyIf(s -> charges(s).size() > 1))
        .answer(
            s -> {
              Optional<ToolExchange> refund = s.latest("refund_charge");
              if (refund.isPresent() && refund.get().error()) {
                return "The refund was not made: " + refund.get().errorMessage();
              }
              if (refund.isPresent()) {
                return "Refunded the duplicate charge on order " + s.param("order_id") + ".";
              }
              return SkillPlan.defaultAnswer(s);
            })
        .build();
  }

  /** A plan for each skill; stock and account have no steps and answer with their skill id. */
  static OfflinePlanner planner() {
    return OfflinePlanner.builder()
        .skill(AGENT, billingPlan())
        .skill(AGENT, deliveryPlan())
        .skill(AGENT, SkillPlan.builder(STOCK).answer(s -> "skill:stock").build())
        .skill(AGENT, SkillPlan.builder(ACCOUNT).answer(s -> "skill:account").build())
        .build();
  }

  static List<JsonNode> charges(PlanState s) {
    var charges = new ArrayList<JsonNode>();
    s.latest("list_charges")
        .filter(e -> !e.error())
        .ifPresent(e -> e.result().path("charges").forEach(charges::add));
    return charges;
  }

  private static Optional<String> missingSku(PlanState s) {
    var order = s.latest("get_order").filter(e -> !e.error());
    var shipments = s.latest("get_shipments").filter(e -> !e.error());
    if (order.isEmpty() || shipments.isEmpty()) {
      return Optional.empty();
    }
    var delivered = new ArrayList<String>();
    shipments.get().result().path("delivered").forEach(n -> delivered.add(n.asText()));
    for (JsonNode item : order.get().result().path("items")) {
      if (!delivered.contains(item.path("sku").asText())) {
        return Optional.of(item.path("sku").asText());
      }
    }
    return Optional.empty();
  }

  static List<ToolSpec> tools(String... names) {
    return Arrays.stream(names)
        .map(
            n ->
                new ToolSpec(n, "the " + n + " tool", "{\"type\":\"object\"}", null, RiskTier.READ))
        .toList();
  }
}
