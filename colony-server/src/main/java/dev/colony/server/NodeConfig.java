package dev.colony.server;

import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How a node is set up.
 *
 * @param dataDir where the embedded database lives (default {@code ./.colony})
 * @param databaseUrl a JDBC URL (PostgreSQL or H2) to use instead of the embedded database, or
 *     {@code null}
 * @param tenant the tenant the node serves (the embedded default serves one)
 * @param user the local user that commands act for when authentication is off
 * @param environment variables that choose the model ({@code COLONY_MODEL} and provider keys) and
 *     telemetry ({@code OTEL_*})
 */
public record NodeConfig(
    Path dataDir,
    String databaseUrl,
    TenantId tenant,
    Principal user,
    Map<String, String> environment) {
  public NodeConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(user, "user");
    environment = Map.copyOf(environment);
    if (databaseUrl != null && !databaseUrl.startsWith("jdbc:")) {
      throw new InvalidInput(
          "--db", "must be a JDBC URL starting with 'jdbc:', got '" + databaseUrl + "'");
    }
  }

  /** The embedded default: H2 under {@code ./.colony}, tenant {@code default}, the OS user. */
  public static NodeConfig defaults() {
    var name = System.getProperty("user.name", "local");
    return new NodeConfig(
        Path.of(".colony"),
        null,
        TenantId.DEFAULT,
        Principal.user(name.isBlank() ? "local" : name),
        System.getenv());
  }

  public NodeConfig withDataDir(Path dir) {
    return new NodeConfig(dir, databaseUrl, tenant, user, environment);
  }

  public NodeConfig withDatabaseUrl(String url) {
    return new NodeConfig(dataDir, url, tenant, user, environment);
  }

  public NodeConfig withEnvironment(Map<String, String> env) {
    return new NodeConfig(dataDir, databaseUrl, tenant, user, env);
  }
}
