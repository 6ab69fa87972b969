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
   * @param process the stdio transport, whose child process can be watched, or {@code null}
   */
  record Connection(McpSyncClient client, StdioClientTransport process) {}

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
    try {
      client.initialize();
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    return new Connection(client, transport instanceof StdioClientTransport stdio ? stdio : null);
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
