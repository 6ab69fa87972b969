package dev.colony.cli;

import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code colony} command. */
@Command(
    name = "colony",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Run governed multi-agent systems on your own machine.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      RunsCommand.class,
      ApprovalsCommand.class,
      AgentsCommand.class,
      McpCommand.class,
      AuditCommand.class,
      AuthCommand.class,
      KeysCommand.class,
      UpCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Colony's error handling; tests run commands through it. */
  static CommandLine commandLine() {
    var cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof InvalidInput || e instanceof ColonyException) {
            cmd.getErr().println("colony: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar's manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      var version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"colony " + (version == null ? "development" : version)};
    }
  }
}
