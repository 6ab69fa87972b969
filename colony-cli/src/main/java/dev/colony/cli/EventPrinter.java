package dev.colony.cli;

import dev.colony.core.RunId;
import dev.colony.core.gate.Decision;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints run events as they happen, one line each, indented by delegation depth: which agent acted,
 * which tool it called, what the gate decided.
 *
 * <p>Thread-safe: events from parallel tool calls print whole lines.
 */
final class EventPrinter implements RunListener {
  private static final int MAX_VALUE = 140;
  private final PrintWriter out;
  private final Map<RunId, Integer> depth = new ConcurrentHashMap<>();

  EventPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onEvent(RunEvent event) {
    var line =
        switch (event) {
          case RunEvent.Started s -> {
            int d = s.parentId() == null ? 0 : depth.getOrDefault(s.parentId(), 0) + 1;
            depth.put(s.runId(), d);
            yield s.parentId() == null
                ? "> " + s.agent() + " started run " + s.runId() + ": " + quote(s.input())
                : "> " + s.agent() + " was asked: " + quote(s.input());
          }
          case RunEvent.ModelTurn t ->
              t.toolCalls().isEmpty()
                  ? "  " + t.agent() + " turn " + t.step() + ": answers"
                  : "  "
                      + t.agent()
                      + " turn "
                      + t.step()
                      + ": calls "
                      + String.join(", ", t.toolCalls().stream().map(c -> c.name()).toList());
          case RunEvent.GateDecided g ->
              "  "
                  + g.agent()
                  + " gate "
                  + verdict(g.decision())
                  + " "
                  + g.tool()
                  + ": "
                  + g.decision().reason();
          case RunEvent.ToolFinished f ->
              "  "
                  + f.agent()
                  + (f.result().error() ? " x " : " = ")
                  + f.result().name()
                  + (f.replayed() ? " (recorded result, not run again) " : " ")
                  + clip(f.result().content());
          case RunEvent.ApprovalWaiting a ->
              "  "
                  + a.agent()
                  + " waits for approval "
                  + a.approvalId()
                  + ": "
                  + a.tool()
                  + " "
                  + clip(a.arguments());
          case RunEvent.Suspended s ->
              "  " + s.agent() + " suspended, waiting on " + String.join(", ", s.waitingOn());
          case RunEvent.Resumed r ->
              "> "
                  + r.agent()
                  + " resumed run "
                  + r.runId()
                  + " from checkpoint "
                  + r.fromCheckpoint();
          case RunEvent.Completed c -> "< " + c.agent() + " completed: " + clip(c.output());
          case RunEvent.Failed f -> "! " + f.agent() + " failed: " + f.error();
          case RunEvent.Cancelled c -> "! " + c.agent() + " cancelled: " + c.reason();
        };
    var indent = "  ".repeat(depth.getOrDefault(event.runId(), 0));
    synchronized (out) {
      out.println(indent + line);
      out.flush();
    }
  }

  private static String verdict(Decision decision) {
    return switch (decision) {
      case Decision.Allow a -> "ALLOW";
      case Decision.Deny d -> "DENY";
      case Decision.NeedsApproval n -> "NEEDS APPROVAL";
    };
  }

  private static String quote(String text) {
    return "\"" + clip(text) + "\"";
  }

  static String clip(String text) {
    if (text == null) {
      return "";
    }
    var flat = text.replace('\n', ' ');
    return flat.length() <= MAX_VALUE ? flat : flat.substring(0, MAX_VALUE - 3) + "...";
  }
}
