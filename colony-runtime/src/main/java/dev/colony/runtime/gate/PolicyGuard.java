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
 */
public final class PolicyGuard implements GateInterceptor {
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
      case Decision.Allow allow -> allowed(next.proceed(request), allow);
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
        yield allowed(next.proceed(request), allow);
      }
    };
  }

  private static GateOutcome allowed(GateOutcome outcome, Decision.Allow allow) {
    return outcome instanceof GateOutcome.Executed executed ? executed.allowedBy(allow) : outcome;
  }
}
