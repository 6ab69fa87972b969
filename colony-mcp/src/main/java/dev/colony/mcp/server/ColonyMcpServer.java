package dev.colony.mcp.server;

import dev.colony.core.ColonyException;
import dev.colony.core.Envelope;
import dev.colony.runtime.AgentRuntime;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Serves a node's tools, resources and prompts as an MCP server (protocol 2025-11-25) on the
 * official Java SDK: over Streamable HTTP ({@link #http}, a servlet the node mounts at {@code
 * /mcp/{server}}) or over stdio ({@link #stdio}).
 *
 * <p>Every tool call is a served call of the node's runtime ({@link AgentRuntime#call}): it passes
 * the Gate as the calling user (policy, tiers, approvals, budgets, the ledger and spans), and a
 * call that needs approval answers at once that it waits, with the approval's id, and runs when a
 * person approves, with no thread held meanwhile; its outcome can then be read at {@code
 * colony://calls/{call}}. The runtime must know each server as a tool server ({@link #register}).
 * Input is validated by the Gate, not by the SDK, so that a refusal is recorded like any other
 * decision.
 */
public final class ColonyMcpServer {
  /** The request attribute and transport-context key that carry the caller's envelope. */
  static final String ENVELOPE = "dev.colony.mcp.envelope";

  /** The largest request body accepted over HTTP (1 MB, as the REST API). */
  public static final int MAX_REQUEST_BYTES = 1_000_000;

  private ColonyMcpServer() {}

  /** Registers each server's tools with the runtime being built, as a tool server. */
  public static AgentRuntime.Builder register(
      AgentRuntime.Builder runtime, Iterable<McpServerSpec> servers) {
    for (var spec : servers) {
      runtime.toolServer(spec.runtimeName(), spec.calledTools());
    }
    return runtime;
  }

  /**
   * The server as a servlet to mount at {@code path}.
   *
   * @param path the path it is mounted at, for example {@code /mcp/orders}
   * @param resourceMetadata the URL of its protected resource metadata (RFC 9728), named in every
   *     401 and 403 challenge; a path (starting with '/') is taken on the host each request was
   *     sent to
   */
  public static McpHttpEndpoint http(
      McpServerSpec spec,
      AgentRuntime runtime,
      McpAuthenticator authenticator,
      String path,
      String resourceMetadata) {
    return http(spec, runtime, authenticator, path, resourceMetadata, List.of());
  }

  /**
   * {@link #http(McpServerSpec, AgentRuntime, McpAuthenticator, String, String)}, answering only
   * requests whose {@code Host} is one of {@code allowedHosts} ({@code host:port}, or {@code
   * host:*} for any port), and from browsers only pages of those hosts ({@code Origin}): the DNS
   * rebinding protection MCP's transport specification asks of local servers. Other hosts get 421,
   * other origins 403. Empty allows any host and any origin.
   */
  public static McpHttpEndpoint http(
      McpServerSpec spec,
      AgentRuntime runtime,
      McpAuthenticator authenticator,
      String path,
      String resourceMetadata,
      List<String> allowedHosts) {
    var mapper = McpJsonDefaults.getMapper();
    var security = DefaultServerTransportSecurityValidator.builder();
    if (!allowedHosts.isEmpty()) {
      security.allowedHosts(allowedHosts);
      for (var host : allowedHosts) {
        security.allowedOrigin("http://" + host).allowedOrigin("https://" + host);
      }
    }
    var transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper)
            .mcpEndpoint(path)
            .securityValidator(
                allowedHosts.isEmpty() ? ServerTransportSecurityValidator.NOOP : security.build())
            .maxRequestSize(MAX_REQUEST_BYTES)
            .contextExtractor(
                request -> {
                  var envelope = request.getAttribute(ENVELOPE);
                  return envelope == null
                      ? McpTransportContext.EMPTY
                      : McpTransportContext.create(Map.of(ENVELOPE, envelope));
                })
            .build();
    var server =
        build(
            McpServer.sync(transport).jsonMapper(mapper),
            spec,
            runtime,
            mapper,
            exchange -> envelopeOf(exchange.transportContext()));
    return new McpHttpEndpoint(transport, server, authenticator, resourceMetadata);
  }

  /**
   * The server over stdio, for a client that starts it as a subprocess: every call is made as
   * {@code caller} (stdio has no tokens; the process's user is the caller).
   */
  public static McpSyncServer stdio(
      McpServerSpec spec, AgentRuntime runtime, Envelope caller, InputStream in, OutputStream out) {
    Objects.requireNonNull(caller, "caller");
    var mapper = McpJsonDefaults.getMapper();
    var transport = new StdioServerTransportProvider(mapper, in, out);
    return build(McpServer.sync(transport).jsonMapper(mapper), spec, runtime, mapper, e -> caller);
  }

  private static McpSyncServer build(
      McpServer.SyncSpecification<?> builder,
      McpServerSpec spec,
      AgentRuntime runtime,
      McpJsonMapper mapper,
      Function<McpSyncServerExchange, Envelope> callers) {
    var tools = new ServedTools(spec, runtime, mapper, callers);
    var content = new ServedContent(spec, runtime, callers);
    var templates = new ArrayList<>(content.templates());
    templates.addAll(content.toolResources());
    templates.add(new CallResource(spec, runtime, callers).specification());
    var capabilities =
        McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).logging();
    if (!spec.prompts().isEmpty()) {
      capabilities.prompts(false);
    }
    var server =
        builder
            .serverInfo("colony-" + spec.name(), spec.version())
            .capabilities(capabilities.build())
            .immediateExecution(true)
            .validateToolInputs(false)
            .tools(tools.specifications())
            .resources(content.resources())
            .resourceTemplates(templates)
            .prompts(content.prompts());
    if (spec.instructions() != null) {
      server.instructions(spec.instructions());
    }
    return server.build();
  }

  private static Envelope envelopeOf(McpTransportContext context) {
    if (context != null && context.get(ENVELOPE) instanceof Envelope envelope) {
      return envelope;
    }
    // The endpoint authenticates every request before the SDK sees it; this is a wiring fault.
    throw new ColonyException("an MCP request reached the server without an authenticated caller");
  }
}
