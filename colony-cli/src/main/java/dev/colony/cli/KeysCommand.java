package dev.colony.cli;

import dev.colony.core.NotFound;
import dev.colony.core.Principal;
import dev.colony.identity.approval.SignedApprovalTokens;
import dev.colony.identity.oauth.DevelopmentIssuer;
import dev.colony.identity.oauth.TokenExchange;
import dev.colony.server.Node;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony keys}: the node's signing keys. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "The node's signing keys: the agents' own, and the node's for approvals and tokens.",
    subcommands = {KeysCommand.Rotate.class})
final class KeysCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Give an agent, or one of the node's own signers, a new key. The old key still verifies",
        "for the grace period, so what it signed just before stays valid, then retires.",
        "OWNER is an agent's name, or approvals, dev-issuer or token-exchange."
      })
  static final class Rotate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OWNER")
    String owner;

    @Option(
        names = "--grace",
        paramLabel = "DURATION",
        defaultValue = "20m",
        description =
            "How long the old key still verifies (default ${DEFAULT-VALUE}: longer than an"
                + " approval token lives; at least 65s).")
    String grace;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var period = AuthCommand.Token.duration("--grace", grace);
      try (var colony = Node.open(node.config())) {
        var principal = principal(colony);
        var kid = colony.keys().rotate(principal, period);
        spec.commandLine()
            .getOut()
            .println(
                principal
                    + " now signs with key "
                    + kid
                    + "; the previous key verifies for "
                    + period.toString().substring(2).toLowerCase(Locale.ROOT)
                    + " more");
        return 0;
      }
    }

    private Principal principal(Node colony) {
      for (var service :
          new Principal[] {
            SignedApprovalTokens.KEY_OWNER, DevelopmentIssuer.KEY_OWNER, TokenExchange.KEY_OWNER
          }) {
        if (service.id().equals(owner)) {
          return service;
        }
      }
      if (colony.runtime().agents().stream().anyMatch(a -> a.name().equals(owner))) {
        return Principal.agent(owner);
      }
      throw new NotFound("agent", owner);
    }
  }
}
