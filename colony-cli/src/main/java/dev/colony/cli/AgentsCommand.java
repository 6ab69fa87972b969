package dev.colony.cli;

import dev.colony.server.Node;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code colony agents}: the agents this node serves, and the kill switch. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "List the agents and their tools; revoke or reinstate an agent.",
    subcommands = {AgentsCommand.Revoke.class, AgentsCommand.Reinstate.class})
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

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "Kill switch: withdraw an agent's keys. Every hop it signs is refused from now on,",
        "including ones already issued; its delegations fail instead of running."
      })
  static final class Revoke implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      try (var colony = Node.open(node.config())) {
        colony.runtime().agents().stream()
            .filter(a -> a.name().equals(agent))
            .findFirst()
            .orElseThrow(() -> new dev.colony.core.NotFound("agent", agent));
        colony.keys().revoke(dev.colony.core.Principal.agent(agent));
        spec.commandLine().getOut().println("agent " + agent + " revoked: its keys are withdrawn");
        return 0;
      }
    }
  }

  @Command(
      name = "reinstate",
      mixinStandardHelpOptions = true,
      description = "Lift a revocation: the agent gets a new key; its old keys stay withdrawn.")
  static final class Reinstate implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "AGENT")
    String agent;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      try (var colony = Node.open(node.config())) {
        var kid = colony.keys().reinstate(dev.colony.core.Principal.agent(agent));
        spec.commandLine().getOut().println("agent " + agent + " reinstated with key " + kid);
        return 0;
      }
    }
  }
}
