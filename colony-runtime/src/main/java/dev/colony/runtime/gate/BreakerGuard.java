package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A circuit breaker per tool: after repeated failures (the tool threw, as opposed to reporting a
 * business error with {@code ToolFailure}), calls are refused for a while instead of piling onto a
 * broken dependency.
 *
 * <p>Thread-safe; breakers are created on first use and kept per tool name.
 */
public final class BreakerGuard implements GateInterceptor {
  private final CircuitBreakerRegistry breakers;

  public BreakerGuard(CircuitBreakerConfig config) {
    this.breakers = CircuitBreakerRegistry.of(config);
  }

  /** Opens after half of at least 10 recent calls failed; tries again after 30 seconds. */
  public static CircuitBreakerConfig defaults() {
    return CircuitBreakerConfig.custom()
        .failureRateThreshold(50)
        .minimumNumberOfCalls(10)
        .slidingWindowSize(20)
        .waitDurationInOpenState(java.time.Duration.ofSeconds(30))
        .build();
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var breaker = breakers.circuitBreaker(request.call().name());
    if (!breaker.tryAcquirePermission()) {
      return Rejections.reject(
          "breaker",
          "tool '"
              + request.call().name()
              + "' is failing repeatedly; its circuit breaker is open, try again later");
    }
    long start = breaker.getCurrentTimestamp();
    try {
      var outcome = next.proceed(request);
      breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
      return outcome;
    } catch (IntentNotRecorded e) {
      // The audit ledger is down, not the tool; the tool did not run.
      breaker.releasePermission();
      throw e;
    } catch (RuntimeException e) {
      breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
      throw e;
    }
  }

  /** The breaker's state for a tool, for operators and tests. */
  public String state(String tool) {
    return breakers.circuitBreaker(tool).getState().name();
  }
}
