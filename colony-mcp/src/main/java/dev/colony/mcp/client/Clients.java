package dev.colony.mcp.client;

import dev.colony.core.tool.ToolFailure;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes connected SDK clients for an {@link McpServerRef}. */
final class Clients {
  private static final Logger log = LoggerFactory.getLogger(Clients.class);
  private static final McpSchema.Implementation COLONY =
      new McpSchema.Implementation("colony", version());

  /**
   * An initialized client.
   *
   * @param client the SDK client
   * @param transport its transport
   */
  record Connection(McpSyncClient client, McpClientTransport transport) {

    /** The stdio transport, whose child process can be watched, or {@code null}. */
    StdioClientTransport process() {
      return transport instanceof StdioClientTransport stdio ? stdio : null;
    }
  }

  private Clients() {}

  /**
   * Connects and runs the MCP handshake, within the ref's connect timeout.
   *
   * @param onToolsChanged receives the server's full tool list after each {@code
   *     notifications/tools/list_changed}
   */
  static Connection connect(
      McpServerRef ref, McpJsonMapper json, Consumer<List<McpSchema.Tool>> onToolsChanged) {
    var transport = transport(ref, json);
    var client =
        McpClient.sync(transport)
            .clientInfo(COLONY)
            .requestTimeout(ref.requestTimeout())
            .initializationTimeout(ref.connectTimeout())
            .toolsChangeConsumer(onToolsChanged)
            .build();
    var connection = new Connection(client, transport);
    try {
      client.initialize();
    } catch (RuntimeException e) {
      discard(ref.name(), connection);
      throw e;
    }
    return connection;
  }

  /**
   * Closes a connection that is no longer used, without waiting. Closing must not fail the caller:
   * the SDK's client can throw here (one re-initializing itself after the server lost its session
   * has no session to close yet), so that is logged and the transport closed directly, which ends a
   * stdio server's process.
   */
  static void discard(String server, Connection connection) {
    try {
      connection.client().close();
    } catch (RuntimeException e) {
      log.warn(
          "MCP server '{}': closing a discarded client failed; closing its transport", server, e);
      connection.transport().close();
    }
  }

  private static McpClientTransport transport(McpServerRef ref, McpJsonMapper json) {
    return switch (ref.transport()) {
      case McpServerRef.Stdio stdio -> {
        var parameters =
            ServerParameters.builder(stdio.command()).args(stdio.args()).env(stdio.env()).build();
        var transport = new StdioClientTransport(parameters, json);
        transport.setStdErrorHandler(
            line -> log.info("MCP server '{}' (stderr): {}", ref.name(), line));
        yield transport;
      }
      case McpServerRef.StreamableHttp http -> {
        var url = http.url().toString();
        var builder =
            HttpClientStreamableHttpTransport.builder(url)
                .endpoint(url)
                .jsonMapper(json)
                .connectTimeout(ref.connectTimeout());
        if (ref.bearerToken() != null) {
          var token = ref.bearerToken();
          builder.httpRequestCustomizer(
              (request, method, uri, body, context) ->
                  request.header("Authorization", "Bearer " + token(ref.name(), token)));
        }
        yield builder.build();
      }
    };
  }

  private static String token(String server, Supplier<String> supplier) {
    var token = supplier.get();
    if (token == null || token.isBlank()) {
      throw new ToolFailure("the bearer token supplier for MCP server '" + server + "' gave none");
    }
    return token;
  }

  private static String version() {
    var version = Clients.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
