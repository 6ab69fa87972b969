package dev.colony.cli;

import dev.colony.server.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony run AGENT PROMPT}: one run, printed as it goes. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Start a run of an agent and print each step until it completes or waits.")
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "AGENT", description = "The agent to run.")
  String agent;

  @Parameters(index = "1", paramLabel = "PROMPT", description = "What to ask it.")
  String prompt;

  @Mixin NodeOptions node;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (var colony = Node.open(node.config(), new EventPrinter(out))) {
      var run = colony.runtime().start(agent, colony.localEnvelope(), prompt);
      out.println();
      out.println(Show.summary(run));
      Show.pendingHint(out, colony, run);
      out.flush();
      return Show.exitCode(run);
    }
  }
}
