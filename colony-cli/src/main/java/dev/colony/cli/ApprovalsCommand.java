package dev.colony.cli;

import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.server.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony approvals list | approve ID | deny ID}. */
@Command(
    name = "approvals",
    mixinStandardHelpOptions = true,
    description = "List and decide approvals; deciding resumes the waiting run here.",
    subcommands = {
      ApprovalsCommand.List.class,
      ApprovalsCommand.Approve.class,
      ApprovalsCommand.Deny.class
    })
final class ApprovalsCommand {
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List approvals (pending by default).")
  static final class List implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--all", description = "Include decided approvals.")
    boolean all;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config())) {
        var approvals =
            colony
                .runtime()
                .approvals(colony.config().tenant(), all ? null : ApprovalStatus.PENDING);
        if (approvals.isEmpty()) {
          out.println(all ? "no approvals" : "no pending approvals");
        }
        approvals.forEach(a -> out.println(Show.row(a)));
        return 0;
      }
    }
  }

  abstract static class Decide implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The approval's id.")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why.")
    String reason;

    @Option(
        names = "--as",
        paramLabel = "NAME",
        description = "Who decides (default: the OS user).")
    String approver;

    @Mixin NodeOptions node;

    abstract boolean approve();

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config(), new EventPrinter(out))) {
        var tenant = colony.config().tenant();
        var who = approver == null ? colony.config().user().id() : approver;
        var runtime = colony.runtime();
        var decided =
            approve()
                ? runtime.approve(tenant, ApprovalId.of(id), who, reason)
                : runtime.deny(tenant, ApprovalId.of(id), who, reason);
        out.println(
            "approval "
                + decided.id()
                + " "
                + decided.status().name().toLowerCase()
                + " by "
                + who);
        var run = runtime.root(tenant, decided.runId());
        out.println(Show.summary(run));
        Show.pendingHint(out, colony, run);
        out.flush();
        return Show.exitCode(run);
      }
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve, and resume the run.")
  static final class Approve extends Decide {
    @Override
    boolean approve() {
      return true;
    }
  }

  @Command(
      name = "deny",
      mixinStandardHelpOptions = true,
      description = "Deny, and resume the run (its model learns it was denied).")
  static final class Deny extends Decide {
    @Override
    boolean approve() {
      return false;
    }
  }
}
