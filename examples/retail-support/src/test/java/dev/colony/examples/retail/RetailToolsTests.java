package dev.colony.examples.retail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolFailure;
import java.time.Clock;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetailToolsTests {
  static final TenantId SHOP = TenantId.of("shop");
  JdbcDataSource data;
  PaymentTools payments;
  OrderTools orders;
  InventoryTools inventory;

  @BeforeEach
  void database() {
    data = new JdbcDataSource();
    data.setURL("jdbc:h2:mem:tools-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    RetailSupport.prepare(data, SHOP);
    payments = new PaymentTools(data, Clock.systemUTC());
    orders = new OrderTools(data, Clock.systemUTC());
    inventory = new InventoryTools(data, Clock.systemUTC());
  }

  static ToolContext context(TenantId tenant, String key) {
    var envelope = Envelope.of(tenant, Principal.user("rep"), RetailAgents.scopes());
    return new ToolContext(envelope, RunId.of("run-1"), "agent", new ToolCall("c", "t", "{}"), key);
  }

  @Test
  void theSeededOrderHasOneShippedAndOneMissingItemAndTwoIdenticalCharges() {
    var shipments = orders.getShipments("1001", context(SHOP, "k"));
    var charges = payments.listCharges("1001", context(SHOP, "k")).charges();

    assertThat(shipments.unshippedSkus()).containsExactly("SCARF-02");
    assertThat(shipments.shipments())
        .extracting(OrderTools.Shipment::sku)
        .containsExactly("LAMP-01");
    assertThat(charges).hasSize(2);
    assertThat(charges.get(0).amount()).isEqualByComparingTo(charges.get(1).amount());
  }

  @Test
  void aRefundRepeatedWithTheSameIdempotencyKeyHappensOnce() {
    var first = payments.refundCharge("CH-7782", 64, "duplicate", context(SHOP, "run-1/c1"));
    var again = payments.refundCharge("CH-7782", 64, "duplicate", context(SHOP, "run-1/c1"));

    assertThat(again).isEqualTo(first);
    assertThat(PaymentTools.refunds(data, SHOP, "1001")).isEqualTo(1);
  }

  @Test
  void aRefundOverWhatIsLeftOnTheChargeIsRefusedAndStoresNothing() {
    payments.refundCharge("CH-7782", 60, "partial", context(SHOP, "k1"));

    assertThatThrownBy(() -> payments.refundCharge("CH-7782", 10, "more", context(SHOP, "k2")))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("charge CH-7782 has 4.00 EUR left to refund, asked for 10.00");
    assertThat(PaymentTools.refunds(data, SHOP, "1001")).isEqualTo(1);
  }

  @Test
  void anotherTenantSeesNoneOfTheShopsOrdersOrCharges() {
    var other = TenantId.of("other");

    assertThatThrownBy(() -> orders.getOrder("1001", context(other, "k")))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("order 1001 does not exist");
    assertThat(payments.listCharges("1001", context(other, "k")).charges()).isEmpty();
    assertThatThrownBy(() -> payments.refundCharge("CH-7782", 1, "steal", context(other, "k")))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("charge CH-7782 does not exist");
    assertThat(PaymentTools.refunds(data, SHOP, "1001")).isZero();
  }

  @Test
  void aReshipThatWouldCostMoreThanItsLimitIsRefused() {
    assertThatThrownBy(
            () ->
                orders.reshipItem(
                    "1001", "SCARF-02", "berlin", OrderTools.Speed.NEXT_DAY, 5, context(SHOP, "k")))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("shipping NEXT_DAY costs 12.00 EUR, more than max_cost 5.0");
    assertThat(OrderTools.reshipments(data, SHOP, "1001")).isZero();
  }

  @Test
  void reservingMoreThanIsInStockIsRefusedAndReservationsReduceStock() {
    inventory.reserveItem("SCARF-02", "berlin", 4, context(SHOP, "k1"));

    assertThatThrownBy(() -> inventory.reserveItem("SCARF-02", "berlin", 2, context(SHOP, "k2")))
        .isInstanceOf(ToolFailure.class)
        .hasMessage("warehouse berlin has 1 of SCARF-02, asked for 2");
    assertThat(
            inventory
                .checkStock("SCARF-02", context(SHOP, "k3"))
                .warehouses()
                .getFirst()
                .available())
        .isEqualTo(1);
  }

  @Test
  void resettingTheCaseRemovesItsRefundsAndReshipments() {
    payments.refundCharge("CH-7782", 64, "duplicate", context(SHOP, "k1"));
    orders.reshipItem(
        "1001", "SCARF-02", "berlin", OrderTools.Speed.NEXT_DAY, 15, context(SHOP, "k2"));

    RetailData.reset(data, SHOP);

    assertThat(PaymentTools.refunds(data, SHOP, "1001")).isZero();
    assertThat(OrderTools.reshipments(data, SHOP, "1001")).isZero();
    assertThat(orders.getShipments("1001", context(SHOP, "k")).unshippedSkus())
        .containsExactly("SCARF-02");
  }
}
