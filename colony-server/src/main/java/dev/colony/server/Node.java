package dev.colony.server;

import dev.colony.audit.Ledger;
import dev.colony.audit.LedgerAuditSink;
import dev.colony.audit.LedgerConfig;
import dev.colony.audit.VerificationReport;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.model.ModelClient;
import dev.colony.core.run.RunEvent;
import dev.colony.core.run.RunListener;
import dev.colony.examples.retail.RetailAgents;
import dev.colony.examples.retail.RetailSupport;
import dev.colony.governance.CedarPolicyEngine;
import dev.colony.governance.PolicyFile;
import dev.colony.identity.FileKeyVault;
import dev.colony.identity.KeyRing;
import dev.colony.identity.approval.SignedApprovalTokens;
import dev.colony.identity.hop.SealedHops;
import dev.colony.mcp.server.ColonyMcpServer;
import dev.colony.mcp.server.McpPrompt;
import dev.colony.mcp.server.McpServerSpec;
import dev.colony.mcp.server.McpToolResource;
import dev.colony.models.ModelClients;
import dev.colony.planner.OfflinePlanner;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.store.Database;
import dev.colony.telemetry.OpenTelemetryTelemetry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Colony node: the store, the model, telemetry and the agent runtime with the agents it serves,
 * composed from a {@link NodeConfig}.
 *
 * <p>Thread-safe once opened. Several processes may open nodes on the same embedded data directory
 * (the CLI does, while a demo waits); they share runs and approvals through the store.
 */
public final class Node implements AutoCloseable {
  private final NodeConfig config;
  private final Database database;
  private final OpenTelemetryTelemetry telemetry;
  private final ModelClient model;
  private final KeyRing keys;
  private final Ledger ledger;
  private final NodeAuth auth;
  private final AgentRuntime runtime;
  private final List<McpServerSpec> mcpServers;

  private Node(NodeConfig config, RunListener listener) {
    this.config = config;
    this.database =
        config.databaseUrl() == null
            ? Database.embedded(config.dataDir())
            : Database.open(config.databaseUrl());
    // What is open so far, closed in reverse if a later step fails (a bad policy file, say).
    var opened = new java.util.ArrayDeque<AutoCloseable>();
    opened.push(database);
    try {
      RetailSupport.prepare(database.dataSource(), config.tenant());
      this.telemetry = OpenTelemetryTelemetry.fromEnvironment();
      opened.push(telemetry);
      this.model =
          ModelClients.fromEnvironment(config.environment())
              .orElseGet(() -> RetailAgents.plans(OfflinePlanner.builder()).build());
      this.ledger =
          Ledger.open(database.dataSource(), LedgerConfig.builder(config.dataDir()).build());
      opened.push(ledger);
      this.keys = keys(config);
      var agents = new java.util.HashMap<String, AgentSpec>();
      for (var spec : RetailAgents.specs()) {
        agents.put(spec.name(), spec);
        var principal = Principal.agent(spec.name());
        if (!keys.isRevoked(principal)) {
          keys.enroll(principal); // a revoked agent stays without a key until reinstated
        }
      }
      this.auth = NodeAuth.create(config, keys, agents.values());
      var approvalTokens = SignedApprovalTokens.create(keys);
      // A hop reaches an agent of this node's tenant, from an agent whose manifest lists it.
      var hops =
          SealedHops.builder(
                  keys,
                  name ->
                      agents.containsKey(name) ? Optional.of(config.tenant()) : Optional.empty(),
                  (caller, receiver, skill) ->
                      agents.containsKey(caller)
                          && agents.get(caller).tools().contains("agent." + receiver))
              .build();
      var builder =
          AgentRuntime.builder()
              .stores(database.runStore(), database.approvalStore(), database.effectStore())
              .models(ModelResolver.always(model))
              .gate(
                  g -> {
                    g.policyFrom(Node.this::policies)
                        .approvalTokens(approvalTokens)
                        .audit(new LedgerAuditSink(ledger));
                    if (!config.quotas().isEmpty()) {
                      g.quotas(
                          database.usageStore(),
                          config.quotas().toArray(dev.colony.runtime.gate.Quota[]::new));
                    }
                  })
              .hopSeal(hops)
              .telemetry(telemetry)
              .listener(listener)
              // A run that suspends may wait for days, its process may die: sign the ledger's
              // head now so every entry so far is covered by a checkpoint.
              .listener(
                  event -> {
                    if (event instanceof RunEvent.Suspended) {
                      ledger.checkpoint();
                    }
                  });
      this.mcpServers = retailMcpServers();
      RetailSupport.install(builder, database.dataSource(), Clock.systemUTC());
      this.runtime = ColonyMcpServer.register(builder, mcpServers).build();
    } catch (RuntimeException e) {
      for (var resource : opened) {
        try {
          resource.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * One MCP server per bounded context of the example, in a stable order, with its READ tools also
   * readable as resources, and the orders server's support-case prompt.
   */
  private static List<McpServerSpec> retailMcpServers() {
    var resources =
        Map.of(
            "orders",
            List.of(
                new McpToolResource(
                    "retail://orders/{order_id}", "order", "An order and its items", "get_order"),
                new McpToolResource(
                    "retail://orders/{order_id}/shipments",
                    "shipments",
                    "The shipments of an order",
                    "get_shipments")),
            "payments",
            List.of(
                new McpToolResource(
                    "retail://orders/{order_id}/charges",
                    "charges",
                    "The card charges of an order",
                    "list_charges")),
            "inventory",
            List.of(
                new McpToolResource(
                    "retail://stock/{sku}",
                    "stock",
                    "Stock of an item by warehouse",
                    "check_stock")));
    return RetailSupport.TOOL_SERVERS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e -> {
              var spec =
                  McpServerSpec.builder(e.getKey())
                      .instructions(
                          "The "
                              + e.getKey()
                              + " tools of the retail example. Every call passes Colony's Gate as"
                              + " you: policy, risk tiers and approvals apply, and the audit"
                              + " ledger records it.")
                      .tools(e.getValue());
              resources.getOrDefault(e.getKey(), List.of()).forEach(spec::toolResource);
              if (e.getKey().equals("orders")) {
                spec.prompt(
                    new McpPrompt(
                        "support-case",
                        "Work a customer's complaint about an order",
                        List.of(
                            new McpPrompt.Argument("order_id", "The order number", true),
                            new McpPrompt.Argument("complaint", "What the customer says", true)),
                        args ->
                            "A customer of order "
                                + args.get("order_id")
                                + " writes: \""
                                + args.get("complaint")
                                + "\" Look up the order, its shipments and its charges, and say"
                                + " what should be done."));
              }
              return spec.build();
            })
        .toList();
  }

  private static KeyRing keys(NodeConfig config) {
    return KeyRing.builder(FileKeyVault.open(config.dataDir().resolve("keys.json"))).build();
  }

  /**
   * A token from the development issuer of the node in {@code config}'s data directory, minted with
   * the key kept there, without opening the node (no database, no ledger).
   *
   * @param scopes the scopes to grant, or empty for every scope the node knows
   */
  public static String developmentToken(
      NodeConfig config, String user, java.util.Set<String> scopes, java.time.Duration lifetime) {
    var granted = scopes.isEmpty() ? NodeAuth.scopesOf(RetailAgents.specs()) : scopes;
    return NodeAuth.developmentToken(keys(config), config.tenant(), user, granted, lifetime);
  }

  /** Opens a node; {@code listener} receives every run event of runs this node drives. */
  public static Node open(NodeConfig config, RunListener listener) {
    return new Node(config, listener);
  }

  public static Node open(NodeConfig config) {
    return open(config, RunListener.none());
  }

  public AgentRuntime runtime() {
    return runtime;
  }

  /**
   * The Cedar policies the node enforces: the files named in its configuration, or the example's
   * own; validated against the schema of these tools, refusing to start on any problem.
   */
  private CedarPolicyEngine policies(java.util.Collection<dev.colony.core.tool.ToolSpec> tools) {
    var engine = CedarPolicyEngine.builder(tools);
    if (config.policies().isEmpty()) {
      engine.policies(
          RetailSupport.POLICY_RESOURCES.stream()
              .map(PolicyFile::resource)
              .toArray(PolicyFile[]::new));
    } else {
      engine.policies(config.policies().toArray(java.nio.file.Path[]::new));
    }
    if (!config.shadowPolicies().isEmpty()) {
      engine.shadowPolicies(config.shadowPolicies().toArray(java.nio.file.Path[]::new));
    }
    return engine.build();
  }

  /** The agents' keys and the node's own (approvals); {@link KeyRing#jwks()} is public. */
  /** The MCP servers the node serves at {@code /mcp/{name}}. */
  public List<McpServerSpec> mcpServers() {
    return mcpServers;
  }

  public KeyRing keys() {
    return keys;
  }

  /** The node's audit ledger. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Verifies the ledger as an auditor would: from the table, the checkpoints and the public key.
   */
  public VerificationReport verifyLedger() {
    return ledger.verify();
  }

  public Database database() {
    return database;
  }

  public NodeConfig config() {
    return config;
  }

  /** The model driving the node's agents, as people should see it named. */
  public String modelDescription() {
    return model instanceof OfflinePlanner ? OfflinePlanner.MODEL_LABEL : model.name();
  }

  /** Where runs and approvals are stored, for people. */
  public String storeDescription() {
    return config.databaseUrl() == null
        ? "embedded H2 in " + config.dataDir().toAbsolutePath().normalize()
        : database.toString();
  }

  /**
   * The envelope for work the node's local user starts from this machine (the CLI): the node's
   * tenant, every scope.
   */
  public Envelope localEnvelope() {
    return auth.localEnvelope();
  }

  /** Who may call the node's HTTP API, and its token exchange. */
  public NodeAuth auth() {
    return auth;
  }

  @Override
  public void close() {
    runtime.close();
    ledger.close();
    telemetry.close();
    database.close();
  }
}
