package dev.colony.cli;

import dev.colony.core.approval.Approval;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunRecord;
import dev.colony.core.run.RunStatus;
import dev.colony.server.Node;
import java.io.PrintWriter;

/** How runs and approvals read on a terminal. */
final class Show {
  private Show() {}

  static String summary(RunRecord run) {
    var line = new StringBuilder();
    line.append("run ")
        .append(run.id())
        .append(" [")
        .append(run.agent())
        .append("] ")
        .append(run.status());
    switch (run.status()) {
      case COMPLETED -> line.append(": ").append(run.output());
      case FAILED, CANCELLED -> line.append(": ").append(run.error());
      case WAITING -> line.append(" on ").append(run.waitingOn());
      default -> {}
    }
    return line.toString();
  }

  static String row(RunRecord run) {
    return String.format(
        "%-44s %-10s %-10s %s  %s",
        run.id(),
        run.agent(),
        run.status(),
        run.createdAt(),
        EventPrinter.clip(
            run.parentId() == null ? run.input() : "(child of " + run.parentId() + ")"));
  }

  static String row(Approval a) {
    return String.format(
        "%-44s %-9s %-15s %-10s run %s  %s",
        a.id(), a.status(), a.tool(), a.tier(), a.runId(), EventPrinter.clip(a.arguments()));
  }

  static void pendingHint(PrintWriter out, Node colony, RunRecord run) {
    if (run.status() != RunStatus.WAITING) {
      return;
    }
    var pending = colony.runtime().approvals(colony.config().tenant(), ApprovalStatus.PENDING);
    if (!pending.isEmpty()) {
      out.println("Pending approvals (approve with ./colony approvals approve ID):");
      pending.forEach(a -> out.println("  " + row(a)));
    }
  }

  static int exitCode(RunRecord run) {
    return run.status() == RunStatus.FAILED || run.status() == RunStatus.CANCELLED ? 1 : 0;
  }
}
