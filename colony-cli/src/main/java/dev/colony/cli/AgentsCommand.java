package dev.colony.cli;

import dev.colony.server.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code colony agents}: the agents this node serves. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "List the agents and their tools.")
final class AgentsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin NodeOptions node;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    try (var colony = Node.open(node.config())) {
      for (var agent : colony.runtime().agents()) {
        out.println(agent.name() + ": " + agent.description());
        for (var tool : colony.runtime().toolsOf(agent.name())) {
          out.println("  " + tool.name() + " (" + tool.tier() + ")");
        }
      }
      return 0;
    }
  }
}
