package dev.colony.cli;

import dev.colony.server.Node;
import dev.colony.server.http.HttpApi;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony up}: a node serving the REST API until stopped. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Run a node with the REST API for runs and approvals, until Ctrl-C.")
final class UpCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description =
          "The application to serve (default: the retail support example, the only one so far).")
  Path app;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Address to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      defaultValue = "development",
      description = {
        "How REST callers authenticate (default ${DEFAULT-VALUE}):",
        "  development  bearer tokens from the node's own issuer: colony auth token",
        "  oidc         bearer tokens from --oidc-issuer",
        "  off          every request acts as the local user (a laptop only)"
      })
  String auth;

  @Option(
      names = "--oidc-issuer",
      paramLabel = "URL",
      description = "The OpenID Connect issuer of users' tokens, exactly as they name it (iss).")
  String oidcIssuer;

  @Option(
      names = "--oidc-audience",
      paramLabel = "AUD",
      defaultValue = "colony",
      description = "The audience users' tokens must name (default ${DEFAULT-VALUE}).")
  String oidcAudience;

  @Option(
      names = "--oidc-jwks",
      paramLabel = "URL",
      description = "The issuer's JWK Set (default: its jwks_uri from the issuer's metadata).")
  String oidcJwks;

  @Option(
      names = "--tenant-claim",
      paramLabel = "CLAIM",
      description = "The token claim that names the user's tenant (default: tenant).")
  String tenantClaim;

  @Mixin NodeOptions node;

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    if (app != null && !app.normalize().endsWith(Path.of("examples", "retail-support"))) {
      throw new dev.colony.core.InvalidInput(
          "DIR", "only examples/retail-support can be served so far, got '" + app + "'");
    }
    var stopped = new CountDownLatch(1);
    var config =
        node.config()
            .withAuthentication(
                AuthCommand.of(auth, oidcIssuer, oidcAudience, oidcJwks, tenantClaim));
    try (var colony = Node.open(config, new EventPrinter(out));
        var api = HttpApi.start(colony, host, port)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.println("Colony node up");
      out.println("  REST API: http://" + host + ":" + api.port() + "/v1");
      out.println("  model: " + colony.modelDescription());
      out.println("  store: " + colony.storeDescription());
      out.println("  " + authentication(colony));
      out.flush();
      stopped.await();
    }
    return 0;
  }

  private static String authentication(Node colony) {
    var settings = colony.config().authentication();
    return switch (settings.mode()) {
      case OFF ->
          "authentication is OFF: every request acts as "
              + colony.config().user()
              + " in tenant "
              + colony.config().tenant();
      case DEVELOPMENT ->
          "authentication: development issuer; get a token with: colony auth token"
              + (colony.config().dataDir().equals(java.nio.file.Path.of(".colony"))
                  ? ""
                  : " --data " + colony.config().dataDir());
      case OIDC ->
          "authentication: bearer tokens from "
              + settings.issuer()
              + " for audience '"
              + settings.audience()
              + "'";
    };
  }
}
