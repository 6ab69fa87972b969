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

/** The payments domain's tools: charges, invoices and refunds. Thread-safe. */
public final class PaymentTools {
  public record Charge(
      String chargeId,
      BigDecimal amount,
      String currency,
      String cardLast4,
      String capturedAt,
      BigDecimal refunded) {}

  public record Charges(String orderId, List<Charge> charges) {}

  public record Invoice(String invoiceId, String orderId, BigDecimal total, String currency) {}

  public record Refund(String refundId, String chargeId, BigDecimal amount, String status) {}

  private final Sql sql;
  private final Clock clock;

  public PaymentTools(DataSource dataSource, Clock clock) {
    this.sql = new Sql(dataSource);
    this.clock = clock;
  }

  @Tool(name = "list_charges", description = "List the card charges made for an order.")
  public Charges listCharges(
      @Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId, ToolContext context) {
    var charges =
        sql.query(
            "SELECT c.charge_id, c.amount, c.currency, c.card_last4, c.captured_at,"
                + " COALESCE((SELECT SUM(r.amount) FROM retail_refunds r"
                + "   WHERE r.tenant = c.tenant AND r.charge_id = c.charge_id), 0)"
                + " FROM retail_charges c WHERE c.tenant = ? AND c.order_id = ?"
                + " ORDER BY c.captured_at",
            rs ->
                new Charge(
                    rs.getString(1),
                    rs.getBigDecimal(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant().toString(),
                    rs.getBigDecimal(6).setScale(2)),
            OrderTools.tenant(context),
            orderId);
    return new Charges(orderId, charges);
  }

  @Tool(name = "get_invoice", description = "Get the invoice of an order.")
  public Invoice getInvoice(
      @Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId, ToolContext context) {
    return sql.one(
            "SELECT invoice_id, order_id, total, currency FROM retail_invoices"
                + " WHERE tenant = ? AND order_id = ?",
            rs ->
                new Invoice(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4)),
            OrderTools.tenant(context),
            orderId)
        .orElseThrow(() -> new ToolFailure("order " + orderId + " has no invoice"));
  }

  @Tool(
      name = "refund_charge",
      description = "Refund (part of) a card charge. Needs a person's approval.",
      tier = RiskTier.WRITE_HIGH)
  public Refund refundCharge(
      @Param(name = "charge_id", pattern = "^CH-[0-9]{1,12}$") String chargeId,
      @Param(name = "amount", description = "EUR", minimum = 0.01, maximum = 100000) double amount,
      @Param(name = "reason", minLength = 3, maxLength = 500) String reason,
      ToolContext context) {
    var tenant = OrderTools.tenant(context);
    var key = context.idempotencyKey();
    var requested = BigDecimal.valueOf(amount).setScale(2, java.math.RoundingMode.HALF_UP);
    return sql.once(
        c -> byKey(c, tenant, key),
        c -> {
          var charged =
              Sql.query(
                  c,
                  "SELECT amount FROM retail_charges WHERE tenant = ? AND charge_id = ?",
                  rs -> rs.getBigDecimal(1),
                  tenant,
                  chargeId);
          if (charged.isEmpty()) {
            throw new ToolFailure("charge " + chargeId + " does not exist");
          }
          var refunded =
              Sql.query(
                      c,
                      "SELECT COALESCE(SUM(amount), 0) FROM retail_refunds"
                          + " WHERE tenant = ? AND charge_id = ?",
                      rs -> rs.getBigDecimal(1),
                      tenant,
                      chargeId)
                  .getFirst();
          var left = charged.getFirst().subtract(refunded);
          if (requested.compareTo(left) > 0) {
            throw new ToolFailure(
                "charge "
                    + chargeId
                    + " has "
                    + left
                    + " EUR left to refund, asked for "
                    + requested);
          }
          var id = "RF-" + Integer.toHexString(key.hashCode() & 0x7fffffff).toUpperCase();
          Sql.update(
              c,
              "INSERT INTO retail_refunds VALUES (?, ?, ?, ?, ?, ?, ?)",
              tenant,
              id,
              chargeId,
              requested,
              reason,
              key,
              clock.instant());
          return new Refund(id, chargeId, requested, "REFUNDED");
        });
  }

  private static Refund byKey(java.sql.Connection c, String tenant, String key)
      throws SQLException {
    var rows =
        Sql.query(
            c,
            "SELECT refund_id, charge_id, amount FROM retail_refunds"
                + " WHERE tenant = ? AND idempotency_key = ?",
            rs -> new Refund(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), "REFUNDED"),
            tenant,
            key);
    return rows.isEmpty() ? null : rows.getFirst();
  }

  /** Refunds made against an order's charges. */
  public static int refunds(DataSource dataSource, TenantId tenant, String orderId) {
    return new Sql(dataSource)
        .one(
            "SELECT COUNT(*) FROM retail_refunds r JOIN retail_charges c"
                + " ON c.tenant = r.tenant AND c.charge_id = r.charge_id"
                + " WHERE r.tenant = ? AND c.order_id = ?",
            rs -> rs.getInt(1),
            tenant.value(),
            orderId)
        .orElse(0);
  }
}
