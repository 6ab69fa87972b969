package dev.colony.server;

import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.runtime.gate.Quota;
import java.nio.file.Path;
import java.util.List;
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
 * @param policies Cedar policy files or directories to enforce; empty for the example's own
 * @param shadowPolicies Cedar policy files or directories decided alongside and only reported
 * @param authentication how the HTTP API authenticates callers (default: the development issuer)
 * @param quotas budgets spanning runs, per tenant or agent (see {@link #withQuotas})
 */
public record NodeConfig(
    Path dataDir,
    String databaseUrl,
    TenantId tenant,
    Principal user,
    Map<String, String> environment,
    List<Path> policies,
    List<Path> shadowPolicies,
    Authentication authentication,
    List<Quota> quotas) {
  public NodeConfig {
    quotas = List.copyOf(quotas);
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(user, "user");
    environment = Map.copyOf(environment);
    policies = List.copyOf(policies);
    shadowPolicies = List.copyOf(shadowPolicies);
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
        System.getenv(),
        List.of(),
        List.of(),
        Authentication.development(),
        List.of());
  }

  public NodeConfig withDataDir(Path dir) {
    return new NodeConfig(
        dir,
        databaseUrl,
        tenant,
        user,
        environment,
        policies,
        shadowPolicies,
        authentication,
        quotas);
  }

  public NodeConfig withDatabaseUrl(String url) {
    return new NodeConfig(
        dataDir, url, tenant, user, environment, policies, shadowPolicies, authentication, quotas);
  }

  public NodeConfig withEnvironment(Map<String, String> env) {
    return new NodeConfig(
        dataDir, databaseUrl, tenant, user, env, policies, shadowPolicies, authentication, quotas);
  }

  public NodeConfig withPolicies(List<Path> enforced, List<Path> shadow) {
    return new NodeConfig(
        dataDir, databaseUrl, tenant, user, environment, enforced, shadow, authentication, quotas);
  }

  public NodeConfig withAuthentication(Authentication auth) {
    return new NodeConfig(
        dataDir, databaseUrl, tenant, user, environment, policies, shadowPolicies, auth, quotas);
  }

  /**
   * The same, with quotas written as on the command line ({@code --quota}), for example {@code
   * window=24h,tokens=2000000,cost=5.00,calls=5000,time=2h} or {@code
   * agent=payments,window=1h,calls=50}.
   *
   * @throws InvalidInput naming the key that is wrong
   */
  public NodeConfig withQuotas(List<String> specs) {
    var parsed = specs.stream().map(QuotaSpec::parse).toList();
    return new NodeConfig(
        dataDir,
        databaseUrl,
        tenant,
        user,
        environment,
        policies,
        shadowPolicies,
        authentication,
        parsed);
  }
}
