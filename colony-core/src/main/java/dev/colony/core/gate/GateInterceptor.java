package dev.colony.core.gate;

/**
 * One link of the Gate's chain. It may stop a call, change nothing and pass it on, or wrap what
 * comes back (timing, recording).
 *
 * <pre>{@code
 * GateInterceptor logCalls = (request, next) -> {
 *   var outcome = next.proceed(request);
 *   log.info("{} -> {}", request.call().name(), outcome);
 *   return outcome;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface GateInterceptor {
  GateOutcome intercept(GateRequest request, Chain next);

  /** The rest of the chain after this interceptor, ending with the tool itself. */
  @FunctionalInterface
  interface Chain {
    GateOutcome proceed(GateRequest request);
  }
}
