package dev.colony.mcp.server;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A runtime with {@link ShopTools}, served as the MCP server {@code shop} on a loopback Javalin,
 * behind an authenticator that knows the bearer tokens "alice", "bob" (another user), "carol"
 * (without colony:run) and nothing else.
 */
final class McpServerFixture implements AutoCloseable {
  static final TenantId TENANT = TenantId.of("acme");

  final ShopTools tools = new ShopTools();
  final InMemoryRunStore runs = new InMemoryRunStore();
  final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  final AgentRuntime runtime;
  final Javalin app;
  final McpServerSpec spec;

  McpServerFixture() {
    spec =
        McpServerSpec.builder("shop")
            .instructions("The shop's orders and payments.")
            .tools(List.of("get_order", "refund_charge"))
            .resource(
                new McpResource(
                    "shop://policies/refunds",
                    "refund-policy",
                    "When refunds are made",
                    "text/plain",
                    envelope -> "Refunds up to 500 EUR, approved by a person."))
            .template(
                new McpResourceTemplate(
                    "shop://orders/{order_id}",
                    "order",
                    "One order",
                    "application/json",
                    (envelope, vars) ->
                        "1001".equals(vars.get("order_id"))
                            ? Optional.of("{\"id\":\"1001\"}")
                            : Optional.empty()))
            .toolResource(
                new McpToolResource(
                    "shop://live/orders/{order_id}",
                    "live-order",
                    "An order, read now",
                    "get_order"))
            .prompt(
                new McpPrompt(
                    "duplicate-charge",
                    "Ask about a duplicate charge",
                    List.of(new McpPrompt.Argument("order_id", "The order", true)),
                    args -> "Was order " + args.get("order_id") + " charged twice?"))
            .build();
    var builder =
        AgentRuntime.builder()
            .stores(runs, approvals, new InMemoryEffectStore())
            .models(ModelResolver.always(new NoModel()))
            .tools(tools);
    runtime = ColonyMcpServer.register(builder, List.of(spec)).build();
    var endpoint =
        ColonyMcpServer.http(
            spec,
            runtime,
            McpServerFixture::authenticate,
            "/mcp/shop",
            "http://127.0.0.1/.well-known/oauth-protected-resource/mcp/shop");
    app =
        Javalin.create(
                config -> {
                  config.concurrency.useVirtualThreads = true;
                  config.startup.showJavalinBanner = false;
                  config.jetty.host = "127.0.0.1";
                  config.jetty.port = 0;
                  config.jetty.modifyServletContextHandler(
                      handler -> handler.addServlet(new ServletHolder(endpoint), "/mcp/shop"));
                })
            .start();
  }

  static Envelope envelope(String user, String... scopes) {
    return Envelope.of(TENANT, Principal.user(user), Set.of(scopes));
  }

  private static Envelope authenticate(String authorization) {
    if (authorization == null) {
      throw new McpAuthenticator.Refused(401, null, null, "this endpoint needs a bearer token");
    }
    return switch (authorization) {
      case "Bearer alice" -> envelope("alice", "colony:run");
      case "Bearer bob" -> envelope("bob", "colony:run");
      case "Bearer carol" ->
          throw new McpAuthenticator.Refused(
              403, "insufficient_scope", "colony:run", "the token does not grant colony:run");
      default ->
          throw new McpAuthenticator.Refused(401, "invalid_token", null, "the token is not valid");
    };
  }

  String url() {
    return "http://127.0.0.1:" + app.port() + "/mcp/shop";
  }

  /** An SDK client, initialized, that sends {@code Authorization: Bearer token}. */
  McpSyncClient client(String token) {
    var transport =
        HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + app.port())
            .endpoint("/mcp/shop")
            .httpRequestCustomizer(
                (request, method, uri, body, context) ->
                    request.header("Authorization", "Bearer " + token))
            .build();
    var client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10)).build();
    client.initialize();
    return client;
  }

  @Override
  public void close() {
    app.stop();
    runtime.close();
  }

  /** Served calls never ask a model; this one fails the test if they do. */
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
