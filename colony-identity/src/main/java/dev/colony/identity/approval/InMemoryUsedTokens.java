package dev.colony.identity.approval;

import dev.colony.core.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UsedTokens} in memory. Thread-safe: a concurrent map's {@code putIfAbsent} decides who
 * used a token first. Records are forgotten a minute after their token expires, when the map is
 * next written.
 */
public final class InMemoryUsedTokens implements UsedTokens {
  private static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(1);

  private final Clock clock;
  private final ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();

  public InMemoryUsedTokens(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean markUsed(TenantId tenant, String tokenId, Instant expiresAt) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    var forgetBefore = clock.instant().minus(KEEP_AFTER_EXPIRY);
    used.values().removeIf(expiry -> expiry.isBefore(forgetBefore));
    return used.putIfAbsent(tenant.value() + "\n" + tokenId, expiresAt) == null;
  }

  /** How many used tokens are remembered. */
  public int size() {
    return used.size();
  }
}
