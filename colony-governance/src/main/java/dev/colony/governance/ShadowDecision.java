package dev.colony.governance;

import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateRequest;
import java.util.Objects;

/**
 * What the shadow (log-only) policies would have decided about a call, beside what was enforced.
 *
 * @param request the call
 * @param enforced the decision the Gate acted on, made by the enforced policies alone
 * @param shadow the decision the enforced and shadow policies would make together
 */
public record ShadowDecision(GateRequest request, Decision enforced, Decision shadow) {
  public ShadowDecision {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(enforced, "enforced");
    Objects.requireNonNull(shadow, "shadow");
  }

  /** Whether enforcing the shadow policies would change the outcome (allow, deny or approval). */
  public boolean differs() {
    return enforced.getClass() != shadow.getClass()
        || (enforced instanceof Decision.NeedsApproval a
            && shadow instanceof Decision.NeedsApproval b
            && a.approvals() != b.approvals());
  }
}
