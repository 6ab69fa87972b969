package dev.colony.examples.retail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.agent.SkillSpec;
import dev.colony.planner.Extractor;
import dev.colony.planner.OfflinePlanner;
import dev.colony.planner.PlanState;
import dev.colony.planner.PlanStep;
import dev.colony.planner.PlannedCall;
import dev.colony.planner.SkillPlan;
import dev.colony.planner.ToolExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The four agents of the support case: their manifests, and the skill plans the offline planner
 * runs for them when no LLM is configured.
 *
 * <p>The support orchestrator owns no domain tools; it delegates to the orders, payments and
 * inventory agents, each of which calls only its own domain's tools.
 */
public final class RetailAgents {
  public static final String SUPPORT = "support";
  public static final String ORDERS = "orders";
  public static final String PAYMENTS = "payments";
  public static final String INVENTORY = "inventory";

  private static final Extractor ORDER_ID = Extractor.regex("order_id", "order\\s*#?\\s*(\\d+)");
  private static final Extractor SKU = Extractor.regex("sku", "\\bSKU\\s+([A-Z0-9-]+)");
  private static final Map<String, String> SPEEDS =
      Map.of("next-day", "NEXT_DAY", "next day", "NEXT_DAY", "tomorrow", "NEXT_DAY");

  private RetailAgents() {}

  public static List<AgentSpec> specs() {
    return List.of(
        AgentSpec.builder(SUPPORT)
            .description("Support orchestrator: resolves customer cases with the domain agents.")
            .instruction(
                "You resolve retail support cases. Delegate to the orders, payments and inventory"
                    + " agents; never guess facts they can look up.")
            .tools("agent.orders", "agent.payments", "agent.inventory")
            .scopes(
                "orders:read",
                "orders:write",
                "payments:read",
                "payments:refund",
                "inventory:read",
                "inventory:write")
            .skill(RESOLVE_CASE)
            .build(),
        AgentSpec.builder(ORDERS)
            .description("Orders domain: orders, shipments and reshipments.")
            .instruction("You handle orders and shipments. Use only your tools.")
            .tools("get_order", "get_shipments", "reship_item", "cancel_order")
            .scopes("orders:read", "orders:write")
            .skill(INVESTIGATE_ORDER)
            .skill(RESHIP_ITEM)
            .build(),
        AgentSpec.builder(PAYMENTS)
            .description("Payments domain: charges, invoices and refunds.")
            .instruction("You handle charges and refunds. Refund only true duplicates.")
            .tools("list_charges", "get_invoice", "refund_charge")
            .scopes("payments:read", "payments:refund")
            .skill(REFUND_DUPLICATE)
            .build(),
        AgentSpec.builder(INVENTORY)
            .description("Inventory domain: stock, alternatives and reservations.")
            .instruction("You handle stock and reservations.")
            .tools("check_stock", "find_alternatives", "reserve_item")
            .scopes("inventory:read", "inventory:write")
            .skill(RESERVE_NEXT_DAY)
            .build());
  }

  /**
   * Every scope the retail agents use: what a support representative delegates to a case. A run
   * without {@code payments:refund} cannot refund (policy {@code refund-needs-the-users-scope}).
   */
  public static java.util.Set<String> scopes() {
    return specs().stream()
        .flatMap(agent -> agent.scopes().stream())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Adds the example's skill plans to an offline planner. */
  public static OfflinePlanner.Builder plans(OfflinePlanner.Builder planner) {
    return planner
        .skill(SUPPORT, resolveCase())
        .skill(ORDERS, investigateOrder())
        .skill(ORDERS, reshipItem())
        .skill(PAYMENTS, refundDuplicate())
        .skill(INVENTORY, reserveNextDay());
  }

  static final SkillSpec RESOLVE_CASE =
      new SkillSpec(
          "resolve-case",
          "Resolve a support case",
          "Resolve a customer's problem with an order: wrong or double charges, missing items,"
              + " urgent delivery",
          List.of("support", "orders", "payments"),
          List.of(
              "I was charged twice for my order and one item never arrived",
              "customer says order 1001 was double charged and an item is missing, needs it"
                  + " tomorrow",
              "please sort out this customer's order problem"));

  static final SkillSpec INVESTIGATE_ORDER =
      new SkillSpec(
          "investigate-order",
          "Investigate an order",
          "Find what an order contains and which items shipped and which did not",
          List.of("orders", "shipments"),
          List.of(
              "Investigate order 1001: which items shipped and which did not?",
              "what is in order 1001 and has it shipped",
              "which items of my order are missing"));

  static final SkillSpec RESHIP_ITEM =
      new SkillSpec(
          "reship-item",
          "Reship an item",
          "Ship an item of an order again from a given warehouse",
          List.of("orders", "shipping"),
          List.of(
              "Reship SKU SCARF-02 of order 1001 from warehouse berlin with next-day shipping",
              "send the missing item again",
              "ship the item again from another warehouse"));

  static final SkillSpec REFUND_DUPLICATE =
      new SkillSpec(
          "refund-duplicate",
          "Refund a duplicate charge",
          "Check an order's card charges and refund a charge that was taken twice",
          List.of("payments", "refunds"),
          List.of(
              "Order 1001 may have been charged twice. Check its charges and refund the"
                  + " duplicate.",
              "I was charged twice for my order",
              "refund the double payment"));

  static final SkillSpec RESERVE_NEXT_DAY =
      new SkillSpec(
          "reserve-next-day",
          "Reserve stock that ships next day",
          "Find stock of an item at a warehouse that ships next day and reserve it",
          List.of("inventory", "stock"),
          List.of(
              "Find stock of SKU SCARF-02 at a warehouse that ships next day and reserve 1 unit",
              "is this item in stock anywhere for delivery tomorrow",
              "reserve one unit of the item"));

  private static SkillPlan resolveCase() {
    return SkillPlan.builder(RESOLVE_CASE)
        .extractor(ORDER_ID)
        .step(
            s ->
                List.of(
                    delegate(
                        ORDERS,
                        "Investigate order "
                            + s.param("order_id")
                            + ": which items shipped and which did not?"),
                    delegate(
                        PAYMENTS,
                        "Order "
                            + s.param("order_id")
                            + " may have been charged twice. Check its charges and refund the"
                            + " duplicate.")))
        .step(
            s ->
                missingSku(s)
                    .map(
                        sku ->
                            List.of(
                                delegate(
                                    INVENTORY,
                                    "Find stock of SKU "
                                        + sku
                                        + " at a warehouse that ships next day and reserve 1"
                                        + " unit.")))
                    .orElse(List.of()))
        .step(
            s ->
                reservedWarehouse(s)
                    .flatMap(w -> missingSku(s).map(sku -> new String[] {sku, w}))
                    .map(
                        p ->
                            List.of(
                                delegate(
                                    ORDERS,
                                    "Reship SKU "
                                        + p[0]
                                        + " of order "
                                        + s.param("order_id")
                                        + " from warehouse "
                                        + p[1]
                                        + " with next-day shipping.")))
                    .orElse(List.of()))
        .answer(RetailAgents::caseSummary)
        .build();
  }

  private static SkillPlan investigateOrder() {
    return SkillPlan.builder(INVESTIGATE_ORDER)
        .extractor(ORDER_ID)
        .step(PlanStep.call("get_order", s -> Map.of("order_id", s.param("order_id"))))
        .step(PlanStep.call("get_shipments", s -> Map.of("order_id", s.param("order_id"))))
        .answer(
            s ->
                ok(s, "get_shipments")
                    .map(
                        r -> {
                          var shipped = new ArrayList<String>();
                          r.path("shipments")
                              .forEach(
                                  sh ->
                                      shipped.add(
                                          sh.path("sku").asText()
                                              + " ("
                                              + sh.path("shipmentId").asText()
                                              + ", "
                                              + sh.path("status").asText()
                                              + ")"));
                          var missing = new ArrayList<String>();
                          r.path("unshippedSkus").forEach(n -> missing.add(n.asText()));
                          return "Order "
                              + s.param("order_id")
                              + ". Shipped: "
                              + (shipped.isEmpty() ? "none" : String.join(", ", shipped))
                              + ". Not shipped: "
                              + (missing.isEmpty() ? "none" : String.join(", ", missing))
                              + ".";
                        })
                    .orElseGet(() -> SkillPlan.defaultAnswer(s)))
        .build();
  }

  private static SkillPlan reshipItem() {
    return SkillPlan.builder(RESHIP_ITEM)
        .extractor(ORDER_ID)
        .extractor(SKU)
        .extractor(Extractor.regex("warehouse", "\\bwarehouse\\s+([a-z-]+)"))
        .extractor(Extractor.keywords("speed", SPEEDS, "STANDARD"))
        .step(
            PlanStep.call(
                "reship_item",
                s -> {
                  var args = new LinkedHashMap<String, Object>();
                  args.put("order_id", s.param("order_id"));
                  args.put("sku", s.param("sku"));
                  args.put("warehouse", s.param("warehouse"));
                  args.put("speed", s.param("speed"));
                  args.put("max_cost", 15);
                  return args;
                }))
        .answer(
            s ->
                ok(s, "reship_item")
                    .map(
                        r ->
                            "Reshipped "
                                + r.path("sku").asText()
                                + " from "
                                + r.path("warehouse").asText()
                                + " by "
                                + r.path("speed").asText()
                                + " shipping: shipment "
                                + r.path("shipmentId").asText()
                                + ", cost "
                                + r.path("cost").asText()
                                + " EUR.")
                    .orElseGet(() -> SkillPlan.defaultAnswer(s)))
        .build();
  }

  private static SkillPlan refundDuplicate() {
    return SkillPlan.builder(REFUND_DUPLICATE)
        .extractor(ORDER_ID)
        .step(PlanStep.call("list_charges", s -> Map.of("order_id", s.param("order_id"))))
        .step(
            s ->
                duplicate(s)
                    .map(
                        d ->
                            List.of(
                                PlannedCall.of(
                                    "refund_charge",
                                    Map.of(
                                        "charge_id", d.path("chargeId").asText(),
                                        "amount", d.path("amount").decimalValue(),
                                        "reason",
                                            "duplicate charge on order " + s.param("order_id")))))
                    .orElse(List.of()))
        .answer(
            s -> {
              var refund = s.latest("refund_charge");
              if (refund.isPresent() && !refund.get().error()) {
                var r = refund.get().result();
                return "Order "
                    + s.param("order_id")
                    + " was charged twice. Refunded "
                    + r.path("chargeId").asText()
                    + " ("
                    + r.path("amount").asText()
                    + " EUR): refund "
                    + r.path("refundId").asText()
                    + ".";
              }
              if (refund.isPresent()) {
                return "Order "
                    + s.param("order_id")
                    + " was charged twice, but the refund was not made: "
                    + refund.get().errorMessage();
              }
              return ok(s, "list_charges").isPresent()
                  ? "Order " + s.param("order_id") + " has no duplicate charge to refund."
                  : SkillPlan.defaultAnswer(s);
            })
        .build();
  }

  private static SkillPlan reserveNextDay() {
    return SkillPlan.builder(RESERVE_NEXT_DAY)
        .extractor(SKU)
        .extractor(Extractor.regex("quantity", "reserve\\s+(\\d+)").optional())
        .step(PlanStep.call("check_stock", s -> Map.of("sku", s.param("sku"))))
        .step(
            s ->
                nextDayWarehouse(s)
                    .map(
                        w ->
                            List.of(
                                PlannedCall.of(
                                    "reserve_item",
                                    Map.of(
                                        "sku", s.param("sku"),
                                        "warehouse", w,
                                        "quantity", quantity(s)))))
                    .orElse(List.of()))
        .step(
            s ->
                nextDayWarehouse(s).isEmpty() && ok(s, "check_stock").isPresent()
                    ? List.of(PlannedCall.of("find_alternatives", Map.of("sku", s.param("sku"))))
                    : List.of())
        .answer(
            s ->
                ok(s, "reserve_item")
                    .map(
                        r ->
                            "Reserved "
                                + r.path("quantity").asInt()
                                + " of "
                                + r.path("sku").asText()
                                + " at warehouse "
                                + r.path("warehouse").asText()
                                + ", which ships next day: reservation "
                                + r.path("reservationId").asText()
                                + ".")
                    .orElseGet(
                        () ->
                            ok(s, "find_alternatives")
                                .map(
                                    r ->
                                        "No warehouse ships "
                                            + s.param("sku")
                                            + " next day. Alternatives: "
                                            + r.path("alternatives").toString())
                                .orElseGet(() -> SkillPlan.defaultAnswer(s))))
        .build();
  }

  private static String caseSummary(PlanState s) {
    var lines = new ArrayList<String>();
    lines.add("Support case for order " + s.param("order_id") + ":");
    for (var exchange : s.exchanges()) {
      var agent = exchange.tool().substring("agent.".length());
      lines.add(
          "- "
              + agent
              + ": "
              + (exchange.error() ? "failed: " + exchange.errorMessage() : answer(exchange)));
    }
    return String.join("\n", lines);
  }

  private static PlannedCall delegate(String agent, String request) {
    return PlannedCall.of("agent." + agent, Map.of("request", request));
  }

  private static String answer(ToolExchange exchange) {
    return exchange.result().path("answer").asText();
  }

  private static final Pattern NOT_SHIPPED = Pattern.compile("Not shipped: ([A-Z0-9-]+)");
  private static final Pattern RESERVED_AT = Pattern.compile("at warehouse ([a-z-]+), which ships");

  private static Optional<String> missingSku(PlanState s) {
    return delegated(s, "agent.orders", NOT_SHIPPED);
  }

  private static Optional<String> reservedWarehouse(PlanState s) {
    return delegated(s, "agent.inventory", RESERVED_AT);
  }

  private static Optional<String> delegated(PlanState s, String tool, Pattern pattern) {
    return s.exchanges().stream()
        .filter(e -> e.tool().equals(tool) && !e.error())
        .map(e -> pattern.matcher(answer(e)))
        .filter(java.util.regex.Matcher::find)
        .map(m -> m.group(1))
        .findFirst();
  }

  private static Optional<JsonNode> ok(PlanState s, String tool) {
    return s.latest(tool).filter(e -> !e.error()).map(ToolExchange::result);
  }

  private static Optional<JsonNode> duplicate(PlanState s) {
    return ok(s, "list_charges")
        .flatMap(
            r -> {
              var charges = r.path("charges");
              for (int i = 1; i < charges.size(); i++) {
                var later = charges.get(i);
                for (int j = 0; j < i; j++) {
                  var earlier = charges.get(j);
                  if (earlier
                              .path("amount")
                              .decimalValue()
                              .compareTo(later.path("amount").decimalValue())
                          == 0
                      && later.path("refunded").decimalValue().signum() == 0) {
                    return Optional.of(later);
                  }
                }
              }
              return Optional.empty();
            });
  }

  private static Optional<String> nextDayWarehouse(PlanState s) {
    return ok(s, "check_stock")
        .flatMap(
            r -> {
              for (var w : r.path("warehouses")) {
                if (w.path("nextDay").asBoolean() && w.path("available").asInt() >= quantity(s)) {
                  return Optional.of(w.path("warehouse").asText());
                }
              }
              return Optional.empty();
            });
  }

  private static int quantity(PlanState s) {
    var q = s.params().get("quantity");
    return q == null ? 1 : Integer.parseInt(q);
  }
}
