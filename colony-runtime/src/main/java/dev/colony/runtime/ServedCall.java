package dev.colony.runtime;

import dev.colony.core.RunId;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a served call ({@link AgentRuntime#call}) stands when the call returns.
 *
 * @param id the call's run id: the ledger's and spans' run id, and, for a call that waits, the
 *     stored run that approving resumes ({@link AgentRuntime#run})
 * @param status {@code COMPLETED} with a result (possibly an error result, such as the Gate's
 *     refusal), {@code WAITING}, or {@code FAILED} / {@code CANCELLED} with an error
 * @param result the tool's result once completed, else {@code null}
 * @param waitingOn while waiting, what on ({@code approval:apr-1}), else {@code null}
 * @param error why it failed or was cancelled, else {@code null}
 */
public record ServedCall(
    RunId id, RunStatus status, ToolResult result, String waitingOn, String error) {
  public ServedCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }

  /** The approvals a waiting call waits for, by id. */
  public List<String> approvals() {
    var out = new ArrayList<String>();
    if (waitingOn != null) {
      for (var wait : waitingOn.split(",")) {
        if (wait.startsWith("approval:")) {
          out.add(wait.substring("approval:".length()));
        }
      }
    }
    return out;
  }
}
