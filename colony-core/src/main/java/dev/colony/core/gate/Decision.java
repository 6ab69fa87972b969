package dev.colony.core.gate;

import java.util.List;
import java.util.Objects;

/** What policy says about one tool call. Every decision names the rules behind it. */
public sealed interface Decision {
  String reason();

  List<String> policies();

  /** The call may run. */
  record Allow(String reason, List<String> policies) implements Decision {
    public Allow {
      Objects.requireNonNull(reason, "reason");
      policies = List.copyOf(policies);
    }
  }

  /** The call must not run. */
  record Deny(String reason, List<String> policies) implements Decision {
    public Deny {
      Objects.requireNonNull(reason, "reason");
      policies = List.copyOf(policies);
    }
  }

  /** The call may run once {@code approvals} distinct people approve it. */
  record NeedsApproval(String reason, int approvals, List<String> policies) implements Decision {
    public NeedsApproval {
      Objects.requireNonNull(reason, "reason");
      policies = List.copyOf(policies);
      if (approvals < 1) {
        throw new IllegalArgumentException("approvals must be at least 1, got " + approvals);
      }
    }
  }
}
