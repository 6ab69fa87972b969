package dev.colony.bench;

import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import dev.colony.runtime.tool.Tools;
import java.util.List;

/**
 * The trivial tools the benchmarks call, one per tier that runs without a person.
 *
 * <p>Each exists twice with the same spec (so the Gate validates the same schema): as a
 * {@code @Tool} method, bound by {@link Tools#from}, the way applications write tools; and as a
 * hand-written {@link ToolHandler} that returns a constant, so that "the tool" costs next to
 * nothing and what a gated call costs over it is the Gate's own work. Stateless and thread-safe.
 */
public final class BenchTools {
  /** A READ tool's answer. */
  public record Order(String id, String status, List<String> items) {}

  /** A WRITE_LOW tool's answer. */
  public record Reshipment(String sku, double cost) {}

  /** A WRITE_HIGH tool's answer; never produced here, as every call waits for a person. */
  public record Refund(String chargeId, double amount) {}

  public static final String READ = "get_order";
  public static final String WRITE_LOW = "reship_item";
  public static final String WRITE_HIGH = "refund_charge";

  public static final String READ_ARGUMENTS = "{\"order_id\":\"1001\"}";
  public static final String WRITE_LOW_ARGUMENTS = "{\"sku\":\"LAMP-7\",\"cost\":12.5}";
  public static final String WRITE_HIGH_ARGUMENTS = "{\"charge_id\":\"ch_2\",\"amount\":49.5}";

  @Tool(name = READ, description = "Look up an order by its number")
  public Order getOrder(
      @Param(name = "order_id", description = "The order number", pattern = "\\d{1,12}")
          String orderId) {
    return new Order(orderId, "shipped", List.of("lamp", "scarf"));
  }

  @Tool(name = WRITE_LOW, description = "Ship an item of an order again", tier = RiskTier.WRITE_LOW)
  public Reshipment reship(
      @Param(name = "sku", description = "The item's SKU", maxLength = 32) String sku,
      @Param(name = "cost", description = "What shipping costs", minimum = 0) double cost) {
    return new Reshipment(sku, cost);
  }

  @Tool(name = WRITE_HIGH, description = "Refund a charge", tier = RiskTier.WRITE_HIGH)
  public Refund refund(
      @Param(name = "charge_id", description = "The charge") String chargeId,
      @Param(name = "amount", description = "How much", minimum = 0.01, maximum = 10_000)
          double amount) {
    return new Refund(chargeId, amount);
  }

  /** The {@code @Tool} method of this class with that name, bound as the runtime binds it. */
  public static ToolHandler annotated(String name) {
    return Tools.from(new BenchTools()).stream()
        .filter(handler -> handler.spec().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("BenchTools has no tool '" + name + "'"));
  }

  /** A handler with the same spec as the {@code @Tool} method that returns a fixed result. */
  public static ToolHandler constant(String name) {
    var spec = annotated(name).spec();
    return new Constant(spec, "{\"ok\":true}");
  }

  private record Constant(ToolSpec spec, String json) implements ToolHandler {
    @Override
    public ToolOutcome invoke(ToolContext context, String arguments) {
      return new ToolOutcome.Done(ToolResult.success(context.call(), json));
    }
  }
}
