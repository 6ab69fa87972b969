package dev.colony.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code colony mcp serve --stdio}, started as a subprocess by the MCP SDK's stdio client. */
class McpStdioTests {
  @TempDir Path data;

  @Test
  void anMcpClientStartsTheOrdersServerOverStdioAndGetsOrder1001() {
    var parameters =
        ServerParameters.builder(ProcessHandle.current().info().command().orElse("java"))
            .args(
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "mcp",
                "serve",
                "--stdio",
                "orders",
                "--data",
                data.toString())
            .build();
    var transport = new StdioClientTransport(parameters, McpJsonDefaults.getMapper());
    try (var client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
      client.initialize();

      assertThat(client.listTools().tools())
          .extracting(McpSchema.Tool::name)
          .contains("get_order", "reship_item");
      var result =
          client.callTool(new McpSchema.CallToolRequest("get_order", Map.of("order_id", "1001")));

      assertThat(result.isError()).isFalse();
      @SuppressWarnings("unchecked")
      var order = (Map<String, Object>) result.structuredContent();
      assertThat(order).containsEntry("orderId", "1001");
      assertThat((List<?>) order.get("items")).hasSize(2);
    }
  }
}
