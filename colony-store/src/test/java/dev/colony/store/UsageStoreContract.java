package dev.colony.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.core.store.UsageStore;
import dev.colony.core.store.UsageTotals;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UsageStore} must do; subclasses name the database. */
abstract class UsageStoreContract extends StoreContract {
  private static final Instant NINE = Instant.parse("2026-11-21T09:15:00Z");
  private static final Instant TEN = Instant.parse("2026-11-21T10:05:00Z");

  private UsageStore usage;

  UsageStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void usageStore() {
    usage = database.usageStore();
  }

  @Test
  void addsUpUsagePerAgentAndForTheWholeTenant() {
    usage.add(tenant, "orders", NINE, new UsageTotals(100, 5, 1, 1_500));
    usage.add(tenant, "orders", NINE.plusSeconds(60), new UsageTotals(50, 2, 2, 250));
    usage.add(tenant, "payments", TEN, new UsageTotals(10, 1, 1, 40));

    assertThat(usage.since(tenant, "orders", NINE)).isEqualTo(new UsageTotals(150, 7, 3, 1_750));
    assertThat(usage.since(tenant, null, NINE)).isEqualTo(new UsageTotals(160, 8, 4, 1_790));
  }

  @Test
  void totalsStartAtTheHourTheInstantFallsIn() {
    usage.add(tenant, "orders", NINE, new UsageTotals(100, 0, 0));
    usage.add(tenant, "orders", TEN, new UsageTotals(1, 0, 0));

    assertThat(usage.since(tenant, "orders", TEN.plusSeconds(600)).tokens()).isEqualTo(1);
    assertThat(usage.since(tenant, "orders", NINE.plusSeconds(1800)).tokens()).isEqualTo(101);
  }

  @Test
  void anotherTenantSeesNoneOfIt() {
    usage.add(tenant, "orders", NINE, new UsageTotals(100, 5, 1));

    assertThat(usage.since(otherTenant, "orders", NINE)).isEqualTo(UsageTotals.ZERO);
    assertThat(usage.since(otherTenant, null, NINE)).isEqualTo(UsageTotals.ZERO);
  }

  @Test
  void concurrentAddsAreAllCounted() throws Exception {
    var race =
        race(
            16,
            i ->
                () -> {
                  usage.add(tenant, "orders", NINE, new UsageTotals(1, 1, 1, 1));
                  return i;
                });

    assertThat(race.thrown()).isEmpty();
    assertThat(usage.since(tenant, "orders", NINE)).isEqualTo(new UsageTotals(16, 16, 16, 16));
  }

  @Test
  void aBlankAgentIsRefused() {
    assertThatThrownBy(() -> usage.add(tenant, " ", NINE, UsageTotals.ZERO))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("agent");
  }
}
