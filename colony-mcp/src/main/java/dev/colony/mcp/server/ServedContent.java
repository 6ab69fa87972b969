package dev.colony.mcp.server;

import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.runtime.AgentRuntime;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The resources, resource templates and prompts of one Colony MCP server, as the SDK's
 * specifications. Stateless and thread-safe.
 */
final class ServedContent {
  private final McpServerSpec spec;
  private final AgentRuntime runtime;
  private final Function<McpSyncServerExchange, Envelope> callers;

  ServedContent(
      McpServerSpec spec, AgentRuntime runtime, Function<McpSyncServerExchange, Envelope> callers) {
    this.spec = spec;
    this.runtime = runtime;
    this.callers = callers;
    var tiers = new java.util.HashMap<String, RiskTier>();
    runtime.toolsOf(spec.runtimeName()).forEach(t -> tiers.put(t.name(), t.tier()));
    for (var resource : spec.toolResources()) {
      if (tiers.get(resource.tool()) != RiskTier.READ) {
        throw new InvalidInput(
            "mcp.server." + spec.name() + ".toolResources",
            "resource '"
                + resource.uriTemplate()
                + "' reads through '"
                + resource.tool()
                + "', which is "
                + tiers.get(resource.tool())
                + "; only READ tools can back a resource");
      }
    }
  }

  List<SyncResourceSpecification> resources() {
    var out = new ArrayList<SyncResourceSpecification>();
    for (var resource : spec.resources()) {
      var described =
          McpSchema.Resource.builder()
              .uri(resource.uri())
              .name(resource.name())
              .description(resource.description())
              .mimeType(resource.mimeType())
              .build();
      out.add(
          new SyncResourceSpecification(
              described,
              (exchange, request) ->
                  text(
                      request.uri(),
                      resource.mimeType(),
                      resource.read().apply(callers.apply(exchange)))));
    }
    return out;
  }

  List<SyncResourceTemplateSpecification> templates() {
    var out = new ArrayList<SyncResourceTemplateSpecification>();
    for (var template : spec.templates()) {
      var described =
          McpSchema.ResourceTemplate.builder()
              .uriTemplate(template.uriTemplate())
              .name(template.name())
              .description(template.description())
              .mimeType(template.mimeType())
              .build();
      var matcher = new DefaultMcpUriTemplateManager(template.uriTemplate());
      out.add(
          new SyncResourceTemplateSpecification(
              described,
              (exchange, request) -> {
                var variables = matcher.extractVariableValues(request.uri());
                return template
                    .read()
                    .apply(callers.apply(exchange), variables)
                    .map(body -> text(request.uri(), template.mimeType(), body))
                    .orElseThrow(() -> notFound(request.uri()));
              }));
    }
    return out;
  }

  /** Resource templates read by calling a READ tool as the reader (see McpToolResource). */
  List<SyncResourceTemplateSpecification> toolResources() {
    var out = new ArrayList<SyncResourceTemplateSpecification>();
    for (var resource : spec.toolResources()) {
      var described =
          McpSchema.ResourceTemplate.builder()
              .uriTemplate(resource.uriTemplate())
              .name(resource.name())
              .description(resource.description())
              .mimeType("application/json")
              .build();
      var matcher = new DefaultMcpUriTemplateManager(resource.uriTemplate());
      out.add(
          new SyncResourceTemplateSpecification(
              described,
              (exchange, request) -> readThroughTool(exchange, request, resource, matcher)));
    }
    return out;
  }

  private McpSchema.ReadResourceResult readThroughTool(
      McpSyncServerExchange exchange,
      McpSchema.ReadResourceRequest request,
      McpToolResource resource,
      DefaultMcpUriTemplateManager matcher) {
    String arguments;
    try {
      arguments = ServedTools.JSON.writeValueAsString(matcher.extractVariableValues(request.uri()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw notFound(request.uri());
    }
    var run =
        runtime.call(
            spec.runtimeName(),
            callers.apply(exchange),
            new ToolCall("mcp-resource-" + UUID.randomUUID(), resource.tool(), arguments));
    var result = ServedTools.outcome(run);
    if (Boolean.TRUE.equals(result.isError())
        || result.content().isEmpty()
        || !(result.content().getFirst() instanceof McpSchema.TextContent text)) {
      var why =
          !result.content().isEmpty()
                  && result.content().getFirst() instanceof McpSchema.TextContent t
              ? t.text()
              : "no result";
      throw McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
          .message("resource '" + request.uri() + "' could not be read: " + why)
          .data(Map.of("uri", request.uri()))
          .build();
    }
    return text(request.uri(), "application/json", text.text());
  }

  List<SyncPromptSpecification> prompts() {
    var out = new ArrayList<SyncPromptSpecification>();
    for (var prompt : spec.prompts()) {
      var arguments =
          prompt.arguments().stream()
              .map(a -> new McpSchema.PromptArgument(a.name(), a.description(), a.required()))
              .toList();
      var described = new McpSchema.Prompt(prompt.name(), prompt.description(), arguments);
      out.add(
          new SyncPromptSpecification(
              described,
              (exchange, request) -> {
                var given = new LinkedHashMap<String, String>();
                if (request.arguments() != null) {
                  request
                      .arguments()
                      .forEach((k, v) -> given.put(k, v == null ? null : v.toString()));
                }
                for (var argument : prompt.arguments()) {
                  var value = given.get(argument.name());
                  if (argument.required() && (value == null || value.isBlank())) {
                    throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message(
                            "prompt '"
                                + prompt.name()
                                + "' needs the argument '"
                                + argument.name()
                                + "'")
                        .build();
                  }
                }
                var text = prompt.render().apply(Map.copyOf(withoutNulls(given)));
                return new McpSchema.GetPromptResult(
                    prompt.description(),
                    List.of(
                        new McpSchema.PromptMessage(
                            McpSchema.Role.USER, new McpSchema.TextContent(text))));
              }));
    }
    return out;
  }

  private static Map<String, String> withoutNulls(Map<String, String> map) {
    var out = new LinkedHashMap<String, String>();
    map.forEach(
        (k, v) -> {
          if (v != null) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static McpSchema.ReadResourceResult text(String uri, String mimeType, String body) {
    return new McpSchema.ReadResourceResult(
        List.of(new McpSchema.TextResourceContents(uri, mimeType, body)));
  }

  private McpError notFound(String uri) {
    return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
        .message("no resource '" + uri + "' on MCP server '" + spec.name() + "'")
        .data(Map.of("uri", uri))
        .build();
  }
}
