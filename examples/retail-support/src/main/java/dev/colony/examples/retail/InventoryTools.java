package dev.colony.examples.retail;

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

/** The inventory domain's tools: stock, alternatives, reservations. Thread-safe. */
public final class InventoryTools {
  public record Stock(String warehouse, int available, boolean nextDay) {}

  public record StockReport(String sku, List<Stock> warehouses) {}

  public record Alternative(String sku, String name, BigDecimal unitPrice) {}

  public record Alternatives(String sku, List<Alternative> alternatives) {}

  public record Reservation(String reservationId, String sku, String warehouse, int quantity) {}

  private final Sql sql;
  private final Clock clock;

  public InventoryTools(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
  }

  @Tool(
      name = "check_stock",
      description = "Stock of an item per warehouse, and whether each ships next day.")
  public StockReport checkStock(
      @Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku, ToolContext context) {
    var rows =
        sql.query(
            "SELECT s.warehouse, s.on_hand - COALESCE((SELECT SUM(r.quantity)"
                + " FROM retail_reservations r WHERE r.tenant = s.tenant AND r.sku = s.sku"
                + " AND r.warehouse = s.warehouse), 0), s.next_day"
                + " FROM retail_stock s WHERE s.tenant = ? AND s.sku = ?"
                + " ORDER BY s.next_day DESC, s.warehouse",
            rs -> new Stock(rs.getString(1), rs.getInt(2), rs.getBoolean(3)),
            OrderTools.tenant(context),
            sku);
    return new StockReport(sku, rows);
  }

  @Tool(name = "find_alternatives", description = "Similar items in the same category.")
  public Alternatives findAlternatives(
      @Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku, ToolContext context) {
    var rows =
        sql.query(
            "SELECT o.sku, o.name, o.unit_price FROM retail_catalog o JOIN retail_catalog i"
                + " ON i.tenant = o.tenant AND i.category = o.category"
                + " WHERE o.tenant = ? AND i.sku = ? AND o.sku <> i.sku ORDER BY o.sku",
            rs -> new Alternative(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)),
            OrderTools.tenant(context),
            sku);
    return new Alternatives(sku, rows);
  }

  @Tool(
      name = "reserve_item",
      description = "Reserve units of an item at a warehouse for a shipment.",
      tier = RiskTier.WRITE_LOW)
  public Reservation reserveItem(
      @Param(name = "sku", pattern = "^[A-Z0-9-]{1,32}$") String sku,
      @Param(name = "warehouse", pattern = "^[a-z-]{1,32}$") String warehouse,
      @Param(name = "quantity", minimum = 1, maximum = 10) int quantity,
      ToolContext context) {
    var tenant = OrderTools.tenant(context);
    var key = context.idempotencyKey();
    return sql.once(
        c -> byKey(c, tenant, key),
        c -> {
          var available =
              Sql.query(
                  c,
                  "SELECT s.on_hand - COALESCE((SELECT SUM(r.quantity) FROM retail_reservations r"
                      + " WHERE r.tenant = s.tenant AND r.sku = s.sku"
                      + " AND r.warehouse = s.warehouse), 0)"
                      + " FROM retail_stock s WHERE s.tenant = ? AND s.sku = ? AND s.warehouse = ?",
                  rs -> rs.getInt(1),
                  tenant,
                  sku,
                  warehouse);
          if (available.isEmpty()) {
            throw new ToolFailure("warehouse " + warehouse + " does not stock " + sku);
          }
          if (available.getFirst() < quantity) {
            throw new ToolFailure(
                "warehouse "
                    + warehouse
                    + " has "
                    + available.getFirst()
                    + " of "
                    + sku
                    + ", asked for "
                    + quantity);
          }
          var id = "RSV-" + Integer.toHexString(key.hashCode() & 0x7fffffff).toUpperCase();
          Sql.update(
              c,
              "INSERT INTO retail_reservations VALUES (?, ?, ?, ?, ?, ?, ?)",
              tenant,
              id,
              sku,
              warehouse,
              quantity,
              key,
              clock.instant());
          return new Reservation(id, sku, warehouse, quantity);
        });
  }

  private static Reservation byKey(java.sql.Connection c, String tenant, String key)
      throws SQLException {
    var rows =
        Sql.query(
            c,
            "SELECT reservation_id, sku, warehouse, quantity FROM retail_reservations"
                + " WHERE tenant = ? AND idempotency_key = ?",
            rs -> new Reservation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
            tenant,
            key);
    return rows.isEmpty() ? null : rows.getFirst();
  }
}
