package dev.colony.runtime.gate;

import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;

/** Denies calls to tools the agent does not have. */
public final class UnknownToolGuard implements GateInterceptor {
  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    if (request.spec() == null) {
      return Rejections.reject(
          "unknown-tool",
          "unknown tool '"
              + request.call().name()
              + "': agent '"
              + request.agent()
              + "' has no tool by that name");
    }
    return next.proceed(request);
  }
}
