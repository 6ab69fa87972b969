package dev.colony.core.gate;

import dev.colony.core.approval.ApprovalId;
import dev.colony.core.tool.ToolResult;
import java.util.Objects;

/** How a call left the Gate. */
public sealed interface GateOutcome {

  /**
   * The tool ran; its result may still be an error it reported.
   *
   * @param result what the tool returned
   * @param decision why it was allowed
   * @param replayed whether the result was recorded earlier and returned without running the tool
   *     again (a resumed run repeating a call with the same idempotency key)
   */
  record Executed(ToolResult result, Decision.Allow decision, boolean replayed)
      implements GateOutcome {
    public Executed {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(decision, "decision");
    }

    /** The same execution, allowed for the given reason. */
    public Executed allowedBy(Decision.Allow why) {
      return new Executed(result, why, replayed);
    }
  }

  /**
   * The call was stopped before it ran.
   *
   * @param stage the interceptor that stopped it, for example {@code schema}, {@code tier}, {@code
   *     unknown-tool}, {@code budget}, {@code breaker}, {@code policy}
   * @param decision the decision, naming the reason and policies
   */
  record Rejected(String stage, Decision.Deny decision) implements GateOutcome {
    public Rejected {
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** The call waits for a person; the run suspends without holding a thread. */
  record AwaitingApproval(ApprovalId approvalId, Decision.NeedsApproval decision)
      implements GateOutcome {
    public AwaitingApproval {
      Objects.requireNonNull(approvalId, "approvalId");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /** The tool itself waits on something (a child run); the run suspends. */
  record Waiting(String waitingOn, String reason) implements GateOutcome {
    public Waiting {
      Objects.requireNonNull(waitingOn, "waitingOn");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
