package dev.colony.cli;

import dev.colony.server.NodeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the node keeps its data: shared by every command that opens one. */
final class NodeOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory of the embedded database (default: ${DEFAULT-VALUE}).",
      defaultValue = ".colony")
  Path data;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Use this database instead of the embedded one, e.g. jdbc:postgresql://127.0.0.1:5432/colony?user=colony")
  String db;

  @Option(
      names = "--policies",
      paramLabel = "PATH",
      split = ",",
      description =
          "Cedar policy files or directories to enforce (default: the retail example's own).")
  java.util.List<Path> policies = java.util.List.of();

  @Option(
      names = "--shadow-policies",
      paramLabel = "PATH",
      split = ",",
      description = "Cedar policy files or directories decided alongside and only reported.")
  java.util.List<Path> shadowPolicies = java.util.List.of();

  @Option(
      names = "--quota",
      paramLabel = "SPEC",
      description = {
        "A budget spanning runs, repeatable: window=24h[,tokens=N][,cost=5.00][,calls=N][,time=2h],",
        "for the whole tenant, or with agent=NAME first for one agent."
      })
  java.util.List<String> quotas = java.util.List.of();

  NodeConfig config() {
    var config =
        NodeConfig.defaults()
            .withDataDir(data)
            .withPolicies(policies, shadowPolicies)
            .withQuotas(quotas);
    return db == null ? config : config.withDatabaseUrl(db);
  }
}
