package dev.colony.core.tool;

import java.util.Objects;

/** What invoking a tool produced: a result now, or a wait on something else. */
public sealed interface ToolOutcome {

  /** The tool finished; the result may be an error the tool reported. */
  record Done(ToolResult result) implements ToolOutcome {
    public Done {
      Objects.requireNonNull(result, "result");
    }
  }

  /**
   * The tool cannot finish yet (for example, it delegated to a child run that waits for approval).
   * The run suspends; calling the tool again with the same idempotency key later continues it.
   *
   * @param waitingOn what it waits on, for example {@code run:run-123}
   * @param reason a sentence for people
   */
  record Waiting(String waitingOn, String reason) implements ToolOutcome {
    public Waiting {
      Objects.requireNonNull(waitingOn, "waitingOn");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
