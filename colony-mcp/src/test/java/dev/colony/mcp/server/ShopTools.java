package dev.colony.mcp.server;

import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools served by the MCP server under test; counts how often each ran. */
public final class ShopTools {
  public record Order(String id, List<String> items, double total) {}

  public record Refund(String chargeId, double amount) {}

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  volatile String lastCaller;

  int count(String tool) {
    return calls.getOrDefault(tool, new AtomicInteger()).get();
  }

  @Tool(name = "get_order", description = "Look up an order by its number")
  public Order getOrder(
      @Param(name = "order_id", pattern = "\\d+") String orderId, ToolContext context) {
    calls.computeIfAbsent("get_order", t -> new AtomicInteger()).incrementAndGet();
    lastCaller = context.envelope().actor().id();
    return new Order(orderId, List.of("LAMP-01", "SCARF-02"), 64.0);
  }

  @Tool(name = "refund_charge", description = "Refund a charge", tier = RiskTier.WRITE_HIGH)
  public Refund refund(
      @Param(name = "charge_id") String chargeId, @Param(name = "amount") double amount) {
    calls.computeIfAbsent("refund_charge", t -> new AtomicInteger()).incrementAndGet();
    return new Refund(chargeId, amount);
  }
}
