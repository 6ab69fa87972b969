package dev.colony.runtime;

import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Tools for runtime tests; counts how often each ran. */
public final class SampleTools {
  public record Order(String id, List<String> items) {}

  public record Refund(String chargeId, double amount, String idempotencyKey) {}

  final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  volatile CountDownLatch rendezvous;

  int count(String tool) {
    return calls.getOrDefault(tool, new AtomicInteger()).get();
  }

  private void ran(String tool) {
    calls.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
  }

  @Tool(name = "get_order", description = "Look up an order")
  public Order getOrder(@Param(name = "order_id", pattern = "\\d+") String orderId) {
    ran("get_order");
    if (orderId.equals("404")) {
      throw new ToolFailure("order 404 does not exist");
    }
    return new Order(orderId, List.of("lamp", "scarf"));
  }

  @Tool(name = "wait_for_peer", description = "Meets another call of itself")
  public String waitForPeer(@Param(name = "name") String name) throws InterruptedException {
    ran("wait_for_peer");
    rendezvous.countDown();
    if (!rendezvous.await(5, TimeUnit.SECONDS)) {
      throw new ToolFailure("the other call never ran at the same time");
    }
    return name + " met its peer";
  }

  @Tool(name = "refund_charge", description = "Refund a charge", tier = RiskTier.WRITE_HIGH)
  public Refund refund(
      @Param(name = "charge_id") String chargeId,
      @Param(name = "amount", minimum = 0.01, maximum = 10000) double amount,
      ToolContext context) {
    ran("refund_charge");
    return new Refund(chargeId, amount, context.idempotencyKey());
  }

  @Tool(name = "reship_item", description = "Ship an item again", tier = RiskTier.WRITE_LOW)
  public Map<String, Object> reship(
      @Param(name = "sku") String sku, @Param(name = "cost", minimum = 0) double cost) {
    ran("reship_item");
    return Map.of("sku", sku, "cost", cost);
  }

  @Tool(name = "wipe_ledger", description = "Erase everything", tier = RiskTier.CRITICAL)
  public void wipe() {
    ran("wipe_ledger");
  }

  @Tool(name = "flaky", description = "Always breaks")
  public String flaky() {
    ran("flaky");
    throw new IllegalStateException("backend down");
  }
}
