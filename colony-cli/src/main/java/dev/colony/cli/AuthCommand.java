package dev.colony.cli;

import dev.colony.server.Authentication;
import dev.colony.server.Node;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code colony auth}: credentials for the node's HTTP API. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Credentials for the node's HTTP API.",
    subcommands = {AuthCommand.Token.class})
final class AuthCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Print a bearer token from the node's development issuer, for the REST API:",
        "  curl -H \"Authorization: Bearer $(colony auth token)\" http://127.0.0.1:8080/v1/runs",
        "Anyone who can read the node's data directory can mint one: it is for a laptop.",
        "Nodes started with --auth oidc accept only their issuer's tokens."
      })
  static final class Token implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--user",
        paramLabel = "NAME",
        description = "Whom the token is for (default: the OS user, ${sys:user.name}).")
    String user;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        split = ",",
        description =
            "Scopes to grant (default: every scope of the node: colony:read, colony:run,"
                + " colony:approve and the agents' own).")
    List<String> scopes = List.of();

    @Option(
        names = "--lifetime",
        paramLabel = "DURATION",
        defaultValue = "1h",
        description =
            "How long the token lives, e.g. 30m, 8h (default ${DEFAULT-VALUE}, at most 24h).")
    String lifetime;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var config = node.config();
      var duration = duration("--lifetime", lifetime);
      var name = user == null ? config.user().id() : user;
      spec.commandLine()
          .getOut()
          .println(Node.developmentToken(config, name, new LinkedHashSet<>(scopes), duration));
      return 0;
    }

    static Duration duration(String option, String text) {
      return dev.colony.server.Durations.parse(text)
          .orElseThrow(
              () ->
                  new dev.colony.core.InvalidInput(
                      option, "must be a duration such as 30m or 8h, got '" + text + "'"));
    }
  }

  /** The authentication {@code colony up} was asked for. */
  static Authentication of(String mode, String issuer, String audience, String jwks, String claim) {
    var auth =
        switch (Authentication.Mode.parse(mode)) {
          case OFF -> Authentication.off();
          case DEVELOPMENT -> Authentication.development();
          case OIDC -> {
            if (issuer == null) {
              throw new dev.colony.core.InvalidInput(
                  "--oidc-issuer", "is required with --auth oidc");
            }
            yield Authentication.oidc(uri("--oidc-issuer", issuer), audience);
          }
        };
    if (jwks != null) {
      auth = auth.withJwksUri(uri("--oidc-jwks", jwks));
    }
    return claim == null ? auth : auth.withTenantClaim(claim);
  }

  private static java.net.URI uri(String option, String text) {
    try {
      var uri = new java.net.URI(text);
      if (!uri.isAbsolute()) {
        throw new dev.colony.core.InvalidInput(
            option, "must be an absolute URL, got '" + text + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new dev.colony.core.InvalidInput(option, "is not a URL: " + e.getMessage());
    }
  }
}
