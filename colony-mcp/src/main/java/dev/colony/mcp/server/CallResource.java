package dev.colony.mcp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.RunId;
import dev.colony.core.run.RunRecord;
import dev.colony.runtime.AgentRuntime;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * The resource template {@code colony://calls/{call}}: where the outcome of a call that waited for
 * approval can be read. A caller reads only calls of its own tenant that it made itself, on this
 * server; any other id reads as not found. Stateless and thread-safe.
 */
final class CallResource {
  static final String TEMPLATE = "colony://calls/{call}";
  private static final String PREFIX = "colony://calls/";

  private final McpServerSpec spec;
  private final AgentRuntime runtime;
  private final Function<McpSyncServerExchange, Envelope> callers;

  CallResource(
      McpServerSpec spec, AgentRuntime runtime, Function<McpSyncServerExchange, Envelope> callers) {
    this.spec = spec;
    this.runtime = runtime;
    this.callers = callers;
  }

  static String uri(RunId call) {
    return PREFIX + call.value();
  }

  SyncResourceTemplateSpecification specification() {
    var template =
        McpSchema.ResourceTemplate.builder()
            .uriTemplate(TEMPLATE)
            .name("call")
            .description(
                "The outcome of a tool call that waited for approval: its status, and its result"
                    + " once it ran")
            .mimeType("application/json")
            .build();
    return new SyncResourceTemplateSpecification(
        template, (exchange, request) -> read(exchange, request));
  }

  private McpSchema.ReadResourceResult read(
      McpSyncServerExchange exchange, McpSchema.ReadResourceRequest request) {
    var envelope = callers.apply(exchange);
    var run = find(envelope, request.uri());
    var call =
        runtime.servedCall(run.tenant(), run.id()).orElseThrow(() -> notFound(request.uri()));
    var body = new LinkedHashMap<String, Object>();
    body.put("call", run.id().value());
    var result = ServedTools.outcome(call);
    body.put("status", status(run));
    body.put("isError", Boolean.TRUE.equals(result.isError()));
    if (result.structuredContent() != null) {
      body.put("result", result.structuredContent());
    } else if (!result.content().isEmpty()
        && result.content().getFirst() instanceof McpSchema.TextContent text) {
      body.put("text", text.text());
    }
    String json;
    try {
      json = ServedTools.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
          .message("could not write the call's outcome: " + e.getOriginalMessage())
          .build();
    }
    return new McpSchema.ReadResourceResult(
        List.of(new McpSchema.TextResourceContents(request.uri(), "application/json", json)));
  }

  private McpError notFound(String uri) {
    return McpError.builder(McpSchema.ErrorCodes.RESOURCE_NOT_FOUND)
        .message("no call '" + uri + "' of yours on MCP server '" + spec.name() + "'")
        .data(java.util.Map.of("uri", uri))
        .build();
  }

  private RunRecord find(Envelope envelope, String uri) {
    var notFound = notFound(uri);
    if (!uri.startsWith(PREFIX)) {
      throw notFound;
    }
    RunId id;
    try {
      id = RunId.of(uri.substring(PREFIX.length()));
    } catch (InvalidInput e) {
      throw notFound;
    }
    return runtime
        .run(envelope.tenant(), id)
        .filter(run -> run.agent().equals(spec.runtimeName()))
        .filter(run -> run.envelope().originator().equals(envelope.originator()))
        .orElseThrow(() -> notFound);
  }

  private static String status(RunRecord run) {
    return switch (run.status()) {
      case WAITING -> "waiting_for_approval";
      case RUNNING -> "running";
      case COMPLETED -> "completed";
      case FAILED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }
}
