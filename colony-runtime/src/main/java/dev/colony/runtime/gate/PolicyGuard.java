package dev.colony.runtime.gate;

import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.gate.PolicyEngine;
import java.util.ArrayList;

/**
 * Asks the policy engine about each call and enforces the answer: deny, allow, or hold the call for
 * approval through the {@link ApprovalDesk}.
 *
 * <p>While an allowed call passes the rest of the chain, the decision that allowed it is available
 * to the interceptors after this one through {@link #allowing()} (the {@link IntentGuard} names its
 * policies). Thread-safe: the decision is kept per thread, for the duration of that pass only.
 */
public final class PolicyGuard implements GateInterceptor {
  /** The decision that allowed the call this thread passes on (the innermost, when nested). */
  private static final ThreadLocal<Decision.Allow> ALLOWING = new ThreadLocal<>();

  private final PolicyEngine policy;
  private final ApprovalDesk approvals;

  public PolicyGuard(PolicyEngine policy, ApprovalDesk approvals) {
    this.policy = policy;
    this.approvals = approvals;
  }

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    return switch (policy.decide(request)) {
      case Decision.Deny deny -> new GateOutcome.Rejected("policy", deny);
      case Decision.Allow allow -> proceedAllowed(request, allow, next);
      case Decision.NeedsApproval needs -> approval(request, needs, next);
    };
  }

  private GateOutcome approval(GateRequest request, Decision.NeedsApproval needs, Chain next) {
    return switch (approvals.check(request, needs.approvals())) {
      case ApprovalDesk.Pending p -> new GateOutcome.AwaitingApproval(p.approval().id(), needs);
      case ApprovalDesk.Denied d ->
          Rejections.reject(
              "approval",
              "approval "
                  + d.approval().id()
                  + " was denied by "
                  + d.approval().decidedBy()
                  + (d.approval().reason() == null ? "" : ": " + d.approval().reason()));
      case ApprovalDesk.Throttled t -> Rejections.reject("approval-rate", t.reason());
      case ApprovalDesk.Refused r ->
          Rejections.reject("approval", "approval " + r.approval().id() + ": " + r.reason());
      case ApprovalDesk.Mismatched m ->
          Rejections.reject(
              "approval",
              "approval "
                  + m.approval().id()
                  + " was given for other arguments than this call now has");
      case ApprovalDesk.Approved a -> {
        var policies = new ArrayList<>(needs.policies());
        policies.add("approval:" + a.approval().id());
        var allow =
            new Decision.Allow(
                needs.reason() + "; approved by " + a.approval().decidedBy(), policies);
        yield proceedAllowed(request, allow, next);
      }
    };
  }

  /**
   * The decision that allowed the call this thread is passing through the chain after a policy
   * guard, or {@code null} when no policy guard has allowed one.
   */
  static Decision.Allow allowing() {
    return ALLOWING.get();
  }

  /**
   * Passes an allowed call on with its decision available to {@link #allowing()}; restores what was
   * there before, since a tool may run a child agent's calls through the Gate on the same thread.
   */
  private static GateOutcome proceedAllowed(GateRequest request, Decision.Allow allow, Chain next) {
    var outer = ALLOWING.get();
    ALLOWING.set(allow);
    GateOutcome outcome;
    try {
      outcome = next.proceed(request);
    } finally {
      if (outer == null) {
        ALLOWING.remove();
      } else {
        ALLOWING.set(outer);
      }
    }
    return outcome instanceof GateOutcome.Executed executed ? executed.allowedBy(allow) : outcome;
  }
}
