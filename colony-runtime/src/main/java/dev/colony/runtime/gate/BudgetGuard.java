package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import java.time.Clock;
import java.time.Duration;

/** Refuses calls once the run has used its tool-call or wall-time budget. */
public final class BudgetGuard implements GateInterceptor {
  private final Clock clock;

  public BudgetGuard(Clock clock) {
    this.clock = clock;
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var budget = request.budget();
    var limits = budget.limits();
    if (budget.toolCallsBefore() >= limits.maxToolCalls()) {
      return Rejections.reject(
          "budget",
          "tool-call budget of " + limits.maxToolCalls() + " calls for this run is used up");
    }
    var elapsed = Duration.between(budget.runStartedAt(), clock.instant());
    if (elapsed.compareTo(limits.maxWallTime()) > 0) {
      return Rejections.reject(
          "budget", "wall-time budget of " + limits.maxWallTime() + " for this run is used up");
    }
    var deadline = request.envelope().deadline();
    if (deadline != null && clock.instant().isAfter(deadline)) {
      return Rejections.reject("budget", "the work's deadline " + deadline + " has passed");
    }
    return next.proceed(request);
  }
}
