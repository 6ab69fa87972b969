package dev.colony.examples.retail;

import dev.colony.core.TenantId;
import dev.colony.core.tool.Param;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolFailure;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/** The orders domain's tools: read orders and shipments, reship an item. Thread-safe. */
public final class OrderTools {
  /** The shipping speeds the warehouses offer. */
  public enum Speed {
    STANDARD,
    NEXT_DAY
  }

  public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {}

  public record Order(String orderId, String customer, String placedAt, List<Item> items) {}

  public record Shipment(
      String shipmentId,
      String sku,
      String warehouse,
      String speed,
      String status,
      BigDecimal cost) {}

  public record Shipments(String orderId, List<Shipment> shipments, List<String> unshippedSkus) {}

  /** What a reshipment costs: next day carries a surcharge. */
  static final BigDecimal NEXT_DAY_COST = new BigDecimal("12.00");

  private final Sql sql;
  private final Clock clock;

  public OrderTools(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
  }

  @Tool(name = "get_order", description = "Look up an order: its customer and items.")
  public Order getOrder(
      @Param(name = "order_id", description = "The order number", pattern = "^[0-9]{1,12}$")
          String orderId,
      ToolContext context) {
    var tenant = tenant(context);
    var order =
        sql.one(
                "SELECT customer, placed_at FROM retail_orders WHERE tenant = ? AND order_id = ?",
                rs -> new String[] {rs.getString(1), rs.getTimestamp(2).toInstant().toString()},
                tenant,
                orderId)
            .orElseThrow(() -> new ToolFailure("order " + orderId + " does not exist"));
    var items =
        sql.query(
            "SELECT sku, name, quantity, unit_price FROM retail_order_items"
                + " WHERE tenant = ? AND order_id = ? ORDER BY sku",
            rs -> new Item(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4)),
            tenant,
            orderId);
    return new Order(orderId, order[0], order[1], items);
  }

  @Tool(
      name = "get_shipments",
      description = "List an order's shipments and the items that have not shipped.")
  public Shipments getShipments(
      @Param(name = "order_id", description = "The order number", pattern = "^[0-9]{1,12}$")
          String orderId,
      ToolContext context) {
    var order = getOrder(orderId, context);
    var shipments =
        sql.query(
            "SELECT shipment_id, sku, warehouse, speed, status, cost FROM retail_shipments"
                + " WHERE tenant = ? AND order_id = ? ORDER BY created_at, shipment_id",
            rs ->
                new Shipment(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBigDecimal(6)),
            tenant(context),
            orderId);
    var shipped = shipments.stream().map(Shipment::sku).toList();
    var unshipped =
        order.items().stream().map(Item::sku).filter(s -> !shipped.contains(s)).toList();
    return new Shipments(orderId, shipments, unshipped);
  }

  @Tool(
      name = "reship_item",
      description =
          "Ship an item of an order again from a warehouse. max_cost is the most the shipping may"
              + " cost; the call fails if it would cost more.",
      tier = RiskTier.WRITE_LOW)
  public Shipment reshipItem(
      @Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId,
      @Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku,
      @Param(name = "warehouse", pattern = "^[a-z-]{1,32}$") String warehouse,
      @Param(name = "speed") Speed speed,
      @Param(name = "max_cost", description = "Spending limit in EUR", minimum = 0, maximum = 1000)
          double maxCost,
      ToolContext context) {
    var tenant = tenant(context);
    var order = getOrder(orderId, context);
    if (order.items().stream().noneMatch(i -> i.sku().equals(sku))) {
      throw new ToolFailure("order " + orderId + " has no item " + sku);
    }
    var cost = speed == Speed.NEXT_DAY ? NEXT_DAY_COST : BigDecimal.ZERO.setScale(2);
    if (cost.doubleValue() > maxCost) {
      throw new ToolFailure(
          "shipping " + speed + " costs " + cost + " EUR, more than max_cost " + maxCost);
    }
    var key = context.idempotencyKey();
    return sql.once(
        c -> findByKey(c, tenant, key),
        c -> {
          var id = "SHP-R-" + Integer.toHexString(key.hashCode() & 0x7fffffff).toUpperCase();
          Sql.update(
              c,
              "INSERT INTO retail_shipments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              tenant,
              id,
              orderId,
              sku,
              warehouse,
              speed.name(),
              "LABEL_CREATED",
              cost,
              key,
              clock.instant());
          return new Shipment(id, sku, warehouse, speed.name(), "LABEL_CREATED", cost);
        });
  }

  /** What cancel_order did. */
  public record Cancellation(String orderId, String reason, String status) {}

  @Tool(
      name = "cancel_order",
      description =
          "Cancel an order. CRITICAL: denied unless a policy permits it, then two people"
              + " approve.",
      tier = RiskTier.CRITICAL)
  public Cancellation cancelOrder(
      @Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId,
      @Param(name = "reason", minLength = 3, maxLength = 500) String reason,
      ToolContext context) {
    var tenant = tenant(context);
    getOrder(orderId, context);
    return sql.once(
        c -> {
          var rows =
              Sql.query(
                  c,
                  "SELECT order_id, reason FROM retail_cancellations WHERE tenant = ? AND order_id = ?",
                  rs -> new Cancellation(rs.getString(1), rs.getString(2), "CANCELLED"),
                  tenant,
                  orderId);
          return rows.isEmpty() ? null : rows.getFirst();
        },
        c -> {
          Sql.update(
              c,
              "INSERT INTO retail_cancellations VALUES (?, ?, ?, ?, ?)",
              tenant,
              orderId,
              reason,
              context.idempotencyKey(),
              clock.instant());
          return new Cancellation(orderId, reason, "CANCELLED");
        });
  }

  private static Shipment findByKey(java.sql.Connection c, String tenant, String key)
      throws SQLException {
    var rows =
        Sql.query(
            c,
            "SELECT shipment_id, sku, warehouse, speed, status, cost FROM retail_shipments"
                + " WHERE tenant = ? AND idempotency_key = ?",
            rs ->
                new Shipment(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getBigDecimal(6)),
            tenant,
            key);
    return rows.isEmpty() ? null : rows.getFirst();
  }

  static String tenant(ToolContext context) {
    return context.envelope().tenant().value();
  }

  /** Reshipments made for an order (shipments created by reship_item). */
  public static int reshipments(DataSource dataSource, TenantId tenant, String orderId) {
    return new Sql(dataSource)
        .one(
            "SELECT COUNT(*) FROM retail_shipments WHERE tenant = ? AND order_id = ?"
                + " AND idempotency_key IS NOT NULL",
            rs -> rs.getInt(1),
            tenant.value(),
            orderId)
        .orElse(0);
  }
}
