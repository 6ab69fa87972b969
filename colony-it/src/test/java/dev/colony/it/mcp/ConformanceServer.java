package dev.colony.it.mcp;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.model.ModelClient;
import dev.colony.core.model.ModelRequest;
import dev.colony.core.model.ModelResponse;
import dev.colony.mcp.server.ColonyMcpServer;
import dev.colony.mcp.server.McpPrompt;
import dev.colony.mcp.server.McpResource;
import dev.colony.mcp.server.McpResourceTemplate;
import dev.colony.mcp.server.McpServerSpec;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ModelResolver;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import io.javalin.Javalin;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The Colony MCP server the conformance suite tests: {@link ConformanceTools} and the resources,
 * resource template and prompts its server scenarios name, served by {@link ColonyMcpServer#http}
 * at {@code /mcp/conformance} on a loopback Javalin, as a node serves its own.
 *
 * <p>Its authenticator accepts every request, with or without a token, as the user {@code
 * conformance-suite}: the suite's server scenarios send no credentials (authorization is tested by
 * its client scenarios and, for Colony's endpoint, by McpTypeScriptClientTests and the node's
 * McpEndpointTests). Nothing but this fixture serves MCP without authentication.
 */
final class ConformanceServer implements AutoCloseable {
  static final String PATH = "/mcp/conformance";
  private static final Envelope CALLER =
      Envelope.of(
          TenantId.of("conformance"), Principal.user("conformance-suite"), Set.of("colony:run"));

  private final AgentRuntime runtime;
  private final Javalin app;

  ConformanceServer() {
    var spec =
        McpServerSpec.builder("conformance")
            .instructions("Colony's fixture for the MCP conformance suite.")
            .tools(List.of("test_simple_text", "test_error_handling", "test_tool_with_progress"))
            .resource(
                new McpResource(
                    "test://static-text",
                    "static-text",
                    "A static text resource",
                    "text/plain",
                    caller -> "This is the content of the static text resource."))
            .template(
                new McpResourceTemplate(
                    "test://template/{id}/data",
                    "template-data",
                    "Data for an id",
                    "application/json",
                    (caller, variables) -> {
                      var id = variables.get("id");
                      return Optional.of(
                          "{\"id\":\""
                              + id
                              + "\",\"templateTest\":true,\"data\":\"Data for ID: "
                              + id
                              + "\"}");
                    }))
            .prompt(
                new McpPrompt(
                    "test_simple_prompt",
                    "A prompt without arguments",
                    List.of(),
                    args -> "This is a simple prompt for testing."))
            .prompt(
                new McpPrompt(
                    "test_prompt_with_arguments",
                    "A prompt with two arguments",
                    List.of(
                        new McpPrompt.Argument("arg1", "First test argument", true),
                        new McpPrompt.Argument("arg2", "Second test argument", true)),
                    args ->
                        "Prompt with arguments: arg1='"
                            + args.get("arg1")
                            + "', arg2='"
                            + args.get("arg2")
                            + "'"))
            .build();
    var builder =
        AgentRuntime.builder()
            .stores(new InMemoryRunStore(), new InMemoryApprovalStore(), new InMemoryEffectStore())
            .models(ModelResolver.always(new NoModel()))
            .tools(new ConformanceTools());
    runtime = ColonyMcpServer.register(builder, List.of(spec)).build();
    var endpoint =
        ColonyMcpServer.http(
            spec,
            runtime,
            authorization -> CALLER,
            PATH,
            "/.well-known/oauth-protected-resource" + PATH,
            // Loopback names only, as a node bound to 127.0.0.1 answers (DNS rebinding).
            List.of("127.0.0.1:*", "localhost:*", "[::1]:*"));
    app =
        Javalin.create(
                config -> {
                  config.concurrency.useVirtualThreads = true;
                  config.startup.showJavalinBanner = false;
                  config.jetty.host = "127.0.0.1";
                  config.jetty.port = 0;
                  config.jetty.modifyServletContextHandler(
                      handler -> handler.addServlet(new ServletHolder(endpoint), PATH));
                })
            .start();
  }

  String url() {
    return "http://127.0.0.1:" + app.port() + PATH;
  }

  @Override
  public void close() {
    app.stop();
    runtime.close();
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
