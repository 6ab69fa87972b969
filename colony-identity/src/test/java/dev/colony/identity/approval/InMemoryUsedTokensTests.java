package dev.colony.identity.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.TenantId;
import dev.colony.identity.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryUsedTokensTests {
  private static final TenantId ACME = TenantId.of("acme");
  private final TestClock clock = TestClock.atNewYear();
  private final InMemoryUsedTokens used = new InMemoryUsedTokens(clock);

  @Test
  void tokenIsUsedOnlyOnce() {
    var expiresAt = clock.instant().plusSeconds(60);

    assertThat(used.markUsed(ACME, "tok-1", expiresAt)).isTrue();
    assertThat(used.markUsed(ACME, "tok-1", expiresAt)).isFalse();
  }

  @Test
  void sameTokenIdInAnotherTenantIsAnotherToken() {
    var expiresAt = clock.instant().plusSeconds(60);
    used.markUsed(ACME, "tok-1", expiresAt);

    assertThat(used.markUsed(TenantId.of("globex"), "tok-1", expiresAt)).isTrue();
  }

  @Test
  void recordsAreForgottenAMinuteAfterTheirTokenExpires() {
    used.markUsed(ACME, "tok-1", clock.instant().plusSeconds(60));
    clock.advance(Duration.ofMinutes(2).plusSeconds(1));
    used.markUsed(ACME, "tok-2", clock.instant().plusSeconds(60));

    assertThat(used.size()).isEqualTo(1);
  }
}
