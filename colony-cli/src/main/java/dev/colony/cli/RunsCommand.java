package dev.colony.cli;

import dev.colony.core.RunId;
import dev.colony.core.run.RunStatus;
import dev.colony.server.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony runs list | show ID | resume ID}. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List, show and resume runs.",
    subcommands = {RunsCommand.List.class, RunsCommand.ShowRun.class, RunsCommand.Resume.class})
final class RunsCommand {
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
  static final class List implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--status",
        description = "Only runs with this status: ${COMPLETION-CANDIDATES}.")
    RunStatus status;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config())) {
        var runs = colony.runtime().runs(colony.config().tenant(), status, limit);
        if (runs.isEmpty()) {
          out.println("no runs");
        }
        runs.forEach(r -> out.println(Show.row(r)));
        return 0;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run.")
  static final class ShowRun implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config())) {
        var tenant = colony.config().tenant();
        var run =
            colony
                .runtime()
                .run(tenant, RunId.of(id))
                .orElseThrow(() -> new dev.colony.core.NotFound("run", id));
        out.println(Show.summary(run));
        out.println("  input: " + run.input());
        out.println("  acting for: " + run.envelope().chain());
        if (run.parentId() != null) {
          out.println("  parent: " + run.parentId() + " (call " + run.parentCallId() + ")");
        }
        out.println("  created: " + run.createdAt() + ", updated: " + run.updatedAt());
        return 0;
      }
    }
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description =
          "Continue a run from its last checkpoint (after a crash, or once what it waits on is settled).")
  static final class Resume implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config(), new EventPrinter(out))) {
        var run = colony.runtime().resume(colony.config().tenant(), RunId.of(id));
        out.println(Show.summary(run));
        Show.pendingHint(out, colony, run);
        return Show.exitCode(run);
      }
    }
  }
}
