package dev.colony.bench;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.core.tool.Param;
import dev.colony.core.tool.Tool;
import dev.colony.mcp.server.ColonyMcpServer;
import dev.colony.mcp.server.McpServerSpec;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import io.javalin.Javalin;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The MCP servers {@link McpToolCalls} measures, each serving the one tool {@code get_order} (order
 * id in, a fixed two-item order out) at {@code /mcp/bench} on a loopback Javalin (Jetty, virtual
 * threads), as a node serves its MCP servers.
 */
final class McpTargets {
  private McpTargets() {}

  /** The tool, as a Colony tool. The TypeScript peer (colony-it/js/bench-server.mjs) mirrors it. */
  public static final class Orders {
    public record Item(String sku, String name, int quantity) {}

    public record Order(String orderId, List<Item> items) {}

    @Tool(name = "get_order", description = "Look up an order: its items.")
    public Order getOrder(@Param(name = "order_id", pattern = "^[0-9]{1,12}$") String orderId) {
      return order(orderId);
    }

    static Order order(String orderId) {
      return new Order(
          orderId,
          List.of(
              new Item("LAMP-01", "Brass desk lamp", 1), new Item("SCARF-02", "Wool scarf", 1)));
    }
  }

  /** A started server and what stops it. */
  record Started(int port, AutoCloseable stop) {}

  /**
   * Colony's MCP server: each call a served call through the standard Gate (unknown tool, schema,
   * budget, tier policy, breaker, effects, spans) with in-memory stores, as the calling user.
   */
  static Started colony() {
    var spec = McpServerSpec.builder("bench").tools(List.of("get_order")).build();
    var builder =
        AgentRuntime.builder()
            .stores(new InMemoryRunStore(), new InMemoryApprovalStore(), new InMemoryEffectStore())
            .models(ModelResolver.always(new NoModel()))
            .tools(new Orders());
    var runtime = ColonyMcpServer.register(builder, List.of(spec)).build();
    var caller = Envelope.of(TenantId.of("acme"), Principal.user("bench"), Set.of("colony:run"));
    var endpoint = ColonyMcpServer.http(spec, runtime, authorization -> caller, "/mcp/bench", "/m");
    var app = serve(endpoint);
    return new Started(
        app.port(),
        () -> {
          app.stop();
          runtime.close();
        });
  }

  /**
   * The MCP Java SDK alone with its stateless transport (no sessions; each answer plain JSON, not
   * an event stream), the same tool, no Gate: what a server that needs no server-to-client messages
   * could use instead.
   */
  static Started sdkStateless() {
    var mapper = McpJsonDefaults.getMapper();
    var transport =
        HttpServletStatelessServerTransport.builder()
            .jsonMapper(mapper)
            .messageEndpoint("/mcp/bench")
            .build();
    var server =
        McpServer.sync(transport)
            .serverInfo("sdk-stateless-bench", "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .toolCall(tool(mapper), (context, request) -> answer(mapper, request))
            .build();
    var app = serve(transport);
    return new Started(
        app.port(),
        () -> {
          app.stop();
          server.close();
        });
  }

  /** The MCP Java SDK alone, the same transport and tool, no Gate: the floor under Colony's. */
  static Started sdkOnly() {
    var mapper = McpJsonDefaults.getMapper();
    var transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper)
            .mcpEndpoint("/mcp/bench")
            .build();
    var server =
        McpServer.sync(transport)
            .serverInfo("sdk-bench", "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .immediateExecution(true)
            .tools(
                SyncToolSpecification.builder()
                    .tool(tool(mapper))
                    .callHandler((exchange, request) -> answer(mapper, request))
                    .build())
            .build();
    var app = serve(transport);
    return new Started(
        app.port(),
        () -> {
          app.stop();
          server.close();
        });
  }

  private static McpSchema.Tool tool(io.modelcontextprotocol.json.McpJsonMapper mapper) {
    return McpSchema.Tool.builder()
        .name("get_order")
        .description("Look up an order: its items.")
        .inputSchema(
            mapper,
            "{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\","
                + "\"pattern\":\"^[0-9]{1,12}$\"}},\"required\":[\"order_id\"]}")
        .build();
  }

  private static McpSchema.CallToolResult answer(
      io.modelcontextprotocol.json.McpJsonMapper mapper, McpSchema.CallToolRequest request) {
    var order = Orders.order(String.valueOf(request.arguments().get("order_id")));
    var map =
        Map.of(
            "orderId",
            order.orderId(),
            "items",
            order.items().stream()
                .map(i -> Map.of("sku", i.sku(), "name", i.name(), "quantity", i.quantity()))
                .toList());
    String text;
    try {
      text = mapper.writeValueAsString(map);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return McpSchema.CallToolResult.builder().addTextContent(text).structuredContent(map).build();
  }

  private static Javalin serve(HttpServlet servlet) {
    return Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.concurrency.useVirtualThreads = true;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = 0;
              config.jetty.modifyServletContextHandler(
                  handler -> handler.addServlet(new ServletHolder(servlet), "/mcp/bench"));
            })
        .start();
  }

  /** Served calls never ask a model. */
  private static final class NoModel implements ModelClient {
    @Override
    public ModelResponse chat(ModelRequest request) {
      throw new IllegalStateException("served calls never ask a model");
    }

    @Override
    public String name() {
      return "none";
    }
  }
}
