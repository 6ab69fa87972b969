package dev.colony.mcp.client;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An MCP Java SDK server over stdio, run by the tests as a child process.
 *
 * <p>Serves the {@link TestTools#standard() standard tools}, {@code env} (answers with an
 * environment variable) and {@code exit} (ends the process without answering). If its first
 * argument names a file holding "v2", {@code create_issue} requires a {@code repo} too.
 */
public final class StdioMcpServer {
  private StdioMcpServer() {}

  /** Starts the server; it runs until its parent process ends or it is killed. */
  public static void main(String[] args) throws Exception {
    var variant =
        args.length > 0 && Files.exists(Path.of(args[0]))
            ? Files.readString(Path.of(args[0])).strip()
            : "v1";
    var tools = new ArrayList<>(TestTools.standard());
    if (variant.equals("v2")) {
      tools.removeIf(tool -> tool.tool().name().equals("create_issue"));
      tools.add(TestTools.createIssue(ISSUE_WITH_REPO));
    }
    tools.add(env());
    tools.add(exit());
    McpServer.sync(new StdioServerTransportProvider(TestTools.JSON))
        .serverInfo("stdio-test-server", "1.0.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().join());
    System.exit(0);
  }

  static final Map<String, Object> ISSUE_WITH_REPO =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of("title", Map.of("type", "string"), "repo", Map.of("type", "string")),
          "required",
          List.of("title", "repo"));

  private static SyncToolSpecification env() {
    var tool =
        McpSchema.Tool.builder()
            .name("env")
            .description("Answers with an environment variable.")
            .inputSchema(TestTools.OPEN)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) -> {
          var name = (String) request.arguments().get("name");
          var value = System.getenv(name);
          return McpSchema.CallToolResult.builder()
              .structuredContent(Map.of("name", name, "value", value == null ? "" : value))
              .build();
        });
  }

  private static SyncToolSpecification exit() {
    var tool =
        McpSchema.Tool.builder()
            .name("exit")
            .description("Ends the server's process.")
            .inputSchema(TestTools.OPEN)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) -> {
          Runtime.getRuntime().halt(3);
          return null;
        });
  }
}
