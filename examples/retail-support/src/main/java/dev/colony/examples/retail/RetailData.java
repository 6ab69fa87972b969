package dev.colony.examples.retail;

import dev.colony.core.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The example's database: its schema, and the seeded support case.
 *
 * <p>Order 1001 (customer cust-42) has two items: a desk lamp that shipped and a wool scarf that
 * never did. The card was charged twice, identically, for the order. The scarf is in stock at the
 * Berlin warehouse, which ships next day, and at Lisbon, which does not.
 */
public final class RetailData {
  public static final String ORDER = "1001";
  public static final String MISSING_SKU = "SCARF-02";

  private RetailData() {}

  /** Creates or upgrades the example's tables (Flyway, history table retail_schema_history). */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/retail")
        .table("retail_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /**
   * Puts the tenant's case back to its starting state: every retail row removed and seeded again.
   */
  public static void reset(DataSource dataSource, TenantId tenant) {
    new Sql(dataSource)
        .inTransaction(
            c -> {
              for (var table :
                  List.of(
                      "retail_reservations",
                      "retail_refunds",
                      "retail_shipments",
                      "retail_charges",
                      "retail_invoices",
                      "retail_stock",
                      "retail_catalog",
                      "retail_order_items",
                      "retail_orders")) {
                Sql.update(c, "DELETE FROM " + table + " WHERE tenant = ?", tenant.value());
              }
              return null;
            });
    seed(dataSource, tenant);
  }

  /** Seeds the support case for a tenant, once; seeding again changes nothing. */
  public static void seed(DataSource dataSource, TenantId tenant) {
    var t = tenant.value();
    new Sql(dataSource)
        .inTransaction(
            c -> {
              var exists =
                  Sql.query(
                      c,
                      "SELECT order_id FROM retail_orders WHERE tenant = ? AND order_id = ?",
                      rs -> rs.getString(1),
                      t,
                      ORDER);
              if (!exists.isEmpty()) {
                return null;
              }
              var placed = Instant.parse("2026-11-27T09:14:00Z");
              Sql.update(
                  c, "INSERT INTO retail_orders VALUES (?, ?, ?, ?)", t, ORDER, "cust-42", placed);
              item(c, t, "LAMP-01", "Brass desk lamp", "39.00");
              item(c, t, MISSING_SKU, "Merino wool scarf", "25.00");
              Sql.update(
                  c,
                  "INSERT INTO retail_shipments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  t,
                  "SHP-5501",
                  ORDER,
                  "LAMP-01",
                  "lisbon",
                  "STANDARD",
                  "DELIVERED",
                  new BigDecimal("0.00"),
                  null,
                  placed.plusSeconds(86_400));
              charge(c, t, "CH-7781", placed.plusSeconds(5));
              charge(c, t, "CH-7782", placed.plusSeconds(65));
              Sql.update(
                  c,
                  "INSERT INTO retail_invoices VALUES (?, ?, ?, ?, ?, ?)",
                  t,
                  "INV-1001",
                  ORDER,
                  new BigDecimal("64.00"),
                  "EUR",
                  placed);
              stock(c, t, MISSING_SKU, "berlin", 5, true);
              stock(c, t, MISSING_SKU, "lisbon", 2, false);
              stock(c, t, "LAMP-01", "lisbon", 12, false);
              stock(c, t, "SCARF-03", "berlin", 3, true);
              catalog(c, t, "LAMP-01", "Brass desk lamp", "lighting", "39.00");
              catalog(c, t, MISSING_SKU, "Merino wool scarf", "accessories", "25.00");
              catalog(c, t, "SCARF-03", "Cashmere blend scarf", "accessories", "29.00");
              return null;
            });
  }

  private static void item(java.sql.Connection c, String t, String sku, String name, String price)
      throws java.sql.SQLException {
    Sql.update(
        c,
        "INSERT INTO retail_order_items VALUES (?, ?, ?, ?, ?, ?)",
        t,
        ORDER,
        sku,
        name,
        1,
        new BigDecimal(price));
  }

  private static void charge(java.sql.Connection c, String t, String id, Instant at)
      throws java.sql.SQLException {
    Sql.update(
        c,
        "INSERT INTO retail_charges VALUES (?, ?, ?, ?, ?, ?, ?)",
        t,
        id,
        ORDER,
        new BigDecimal("64.00"),
        "EUR",
        "4242",
        at);
  }

  private static void stock(
      java.sql.Connection c, String t, String sku, String warehouse, int qty, boolean nextDay)
      throws java.sql.SQLException {
    Sql.update(
        c, "INSERT INTO retail_stock VALUES (?, ?, ?, ?, ?)", t, sku, warehouse, qty, nextDay);
  }

  private static void catalog(
      java.sql.Connection c, String t, String sku, String name, String category, String price)
      throws java.sql.SQLException {
    Sql.update(
        c,
        "INSERT INTO retail_catalog VALUES (?, ?, ?, ?, ?)",
        t,
        sku,
        name,
        category,
        new BigDecimal(price));
  }
}
