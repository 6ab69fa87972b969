package dev.colony.governance;

import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolSpec;
import dev.colony.runtime.tool.Tools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tools with the retail example's names, tiers and parameters (so the same JSON Schemas), plus
 * {@code cancel_order}, which the example does not have yet. Counts the calls that ran.
 */
public final class RetailTools {
  /** The shipping speeds. */
  public enum Speed {
    STANDARD,
    NEXT_DAY
  }

  /**
   * The spec the runtime gives an agent tool ({@code agent.NAME}); the runtime keeps it private.
   */
  static final String AGENT_TOOL_SCHEMA =
      """
      {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",\
      "properties":{"request":{"type":"string","minLength":1,"maxLength":100000,\
      "description":"What to ask the agent, in plain words, with every id it needs"}},\
      "required":["request"],"additionalProperties":false}""";

  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  int count(String tool) {
    return calls.getOrDefault(tool, new AtomicInteger()).get();
  }

  private String ran(String tool) {
    calls.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
    return tool + " done";
  }

  /** The specs of these tools and of the support agent's three agent tools. */
  static List<ToolSpec> specs() {
    var specs = new ArrayList<ToolSpec>();
    Tools.from(new RetailTools()).stream().map(ToolHandler::spec).forEach(specs::add);
    for (var agent : List.of("orders", "payments", "inventory")) {
      specs.add(
          new ToolSpec(
              "agent." + agent, "Ask " + agent, AGENT_TOOL_SCHEMA, null, RiskTier.WRITE_LOW));
    }
    return List.copyOf(specs);
  }

  @Tool(name = "get_order", description = "Look up an order.")
  public String getOrder(@Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId) {
    return ran("get_order");
  }

  @Tool(name = "get_shipments", description = "List an order's shipments.")
  public String getShipments(@Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId) {
    return ran("get_shipments");
  }

  @Tool(name = "reship_item", description = "Ship an item again.", tier = RiskTier.WRITE_LOW)
  public String reshipItem(
      @Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId,
      @Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku,
      @Param(name = "warehouse", pattern = "^[a-z-]{1,32}$") String warehouse,
      @Param(name = "speed") Speed speed,
      @Param(name = "max_cost", description = "Spending limit in EUR", minimum = 0, maximum = 1000)
          double maxCost) {
    return ran("reship_item");
  }

  @Tool(
      name = "cancel_order",
      description = "Cancel an order and everything not yet shipped.",
      tier = RiskTier.CRITICAL)
  public String cancelOrder(
      @Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId,
      @Param(name = "reason", minLength = 3, maxLength = 500) String reason) {
    return ran("cancel_order");
  }

  @Tool(name = "list_charges", description = "List the card charges made for an order.")
  public String listCharges(@Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId) {
    return ran("list_charges");
  }

  @Tool(name = "get_invoice", description = "Get the invoice of an order.")
  public String getInvoice(@Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId) {
    return ran("get_invoice");
  }

  @Tool(name = "refund_charge", description = "Refund a card charge.", tier = RiskTier.WRITE_HIGH)
  public String refundCharge(
      @Param(name = "charge_id", pattern = "^CH-[0-9]{1,12}$") String chargeId,
      @Param(name = "amount", description = "EUR", minimum = 0.01, maximum = 100000) double amount,
      @Param(name = "reason", minLength = 3, maxLength = 500) String reason) {
    return ran("refund_charge");
  }

  @Tool(name = "check_stock", description = "Stock of an item per warehouse.")
  public String checkStock(@Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku) {
    return ran("check_stock");
  }

  @Tool(name = "find_alternatives", description = "Similar items in the same category.")
  public String findAlternatives(@Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku) {
    return ran("find_alternatives");
  }

  @Tool(name = "reserve_item", description = "Reserve units of an item.", tier = RiskTier.WRITE_LOW)
  public String reserveItem(
      @Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku,
      @Param(name = "warehouse", pattern = "^[a-z-]{1,32}$") String warehouse,
      @Param(name = "quantity", minimum = 1, maximum = 10) int quantity) {
    return ran("reserve_item");
  }
}
