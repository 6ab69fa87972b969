package dev.colony.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.InvalidInput;
import dev.colony.runtime.gate.Quota;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaSpecTests {
  @Test
  void aTenantQuotaReadsEveryLimit() {
    var quota = QuotaSpec.parse("window=24h,tokens=2_000_000,cost=5.25,calls=5000,time=90m");

    assertThat(quota)
        .isEqualTo(
            Quota.tenant(Duration.ofHours(24), 2_000_000, 5_250_000, 5000)
                .withMaxBusyTime(Duration.ofMinutes(90)));
  }

  @Test
  void anAgentQuotaLeavesWhatItDoesNotNameUnlimited() {
    var quota = QuotaSpec.parse("agent=payments, window=1h, calls=50");

    assertThat(quota.agent()).isEqualTo("payments");
    assertThat(quota.maxToolCalls()).isEqualTo(50);
    assertThat(quota.maxTokens()).isEqualTo(Long.MAX_VALUE);
    assertThat(quota.maxCostMicros()).isEqualTo(Long.MAX_VALUE);
    assertThat(quota.maxBusyTime()).isEqualTo(Quota.NO_TIME_LIMIT);
  }

  @Test
  void eachMistakeIsNamed() {
    assertThatThrownBy(() -> QuotaSpec.parse("tokens=10"))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("--quota: needs window=HOURSh, e.g. window=24h, in 'tokens=10'");
    assertThatThrownBy(() -> QuotaSpec.parse("window=90m"))
        .hasMessage("--quota: window must be whole hours from 1h to 720h, got 90m");
    assertThatThrownBy(() -> QuotaSpec.parse("window=1h,tokens=-3"))
        .hasMessage("--quota: tokens must be a whole number of at least 0, got '-3'");
    assertThatThrownBy(() -> QuotaSpec.parse("window=1h,cost=0.0000001"))
        .hasMessageContaining("cost must be an amount of at least 0 with up to 6 decimals");
    assertThatThrownBy(() -> QuotaSpec.parse("window=1h,time=soon"))
        .hasMessage("--quota: time must be a duration such as 90m or 24h, got 'soon'");
    assertThatThrownBy(() -> QuotaSpec.parse("window=1h,speed=3"))
        .hasMessageContaining("unknown key 'speed'");
    assertThatThrownBy(() -> QuotaSpec.parse("window=1h,window=2h"))
        .hasMessageContaining("'window' is given twice");
    assertThatThrownBy(() -> QuotaSpec.parse("window=1h,calls"))
        .hasMessageContaining("'calls' must be KEY=VALUE");
  }
}
