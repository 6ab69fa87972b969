package dev.colony.mcp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RateLimited;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import dev.colony.runtime.AgentRuntime;
import dev.colony.runtime.ServedCall;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools of one Colony MCP server: each of the node's tools as an MCP tool, and each call as a
 * served call through the Gate ({@link AgentRuntime#call}) for the calling user. Stateless and
 * thread-safe.
 *
 * <p>Annotations come from the tier: {@code readOnlyHint} for READ, {@code destructiveHint} for
 * WRITE_HIGH and CRITICAL. Only tools that never wait for approval (READ and WRITE_LOW) declare
 * their output schema, since a call that waits answers with a different shape: a result that says
 * it waits, names the approval and the resource ({@link CallResource}) where the outcome will be.
 */
final class ServedTools {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger log = LoggerFactory.getLogger(ServedTools.class);

  private final McpServerSpec spec;
  private final AgentRuntime runtime;
  private final McpJsonMapper mapper;
  private final Function<McpSyncServerExchange, Envelope> callers;

  ServedTools(
      McpServerSpec spec,
      AgentRuntime runtime,
      McpJsonMapper mapper,
      Function<McpSyncServerExchange, Envelope> callers) {
    this.spec = spec;
    this.runtime = runtime;
    this.mapper = mapper;
    this.callers = callers;
  }

  List<SyncToolSpecification> specifications() {
    var out = new ArrayList<SyncToolSpecification>();
    var known = new LinkedHashMap<String, ToolSpec>();
    runtime.toolsOf(spec.runtimeName()).forEach(t -> known.put(t.name(), t));
    for (var name : spec.tools()) {
      var tool = known.get(name);
      out.add(
          SyncToolSpecification.builder()
              .tool(describe(tool))
              .callHandler((exchange, request) -> call(exchange, request))
              .build());
    }
    return out;
  }

  private McpSchema.Tool describe(ToolSpec tool) {
    var builder =
        McpSchema.Tool.builder()
            .name(tool.name())
            .description(tool.description())
            .inputSchema(mapper, tool.inputSchema())
            .annotations(
                new ToolAnnotations(
                    null,
                    tool.tier() == RiskTier.READ,
                    tool.tier() == RiskTier.WRITE_HIGH || tool.tier() == RiskTier.CRITICAL,
                    null,
                    null,
                    null))
            .meta(Map.of("dev.colony/tier", tool.tier().name()));
    if (tool.outputSchema() != null && !waitsForApproval(tool.tier()) && isObject(tool)) {
      builder.outputSchema(mapper, tool.outputSchema());
    }
    return builder.build();
  }

  private static boolean waitsForApproval(RiskTier tier) {
    return tier == RiskTier.WRITE_HIGH || tier == RiskTier.CRITICAL;
  }

  private static boolean isObject(ToolSpec tool) {
    try {
      var schema = JSON.readTree(tool.outputSchema());
      return "object".equals(schema.path("type").asText());
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  CallToolResult call(McpSyncServerExchange exchange, CallToolRequest request) {
    var envelope = callers.apply(exchange);
    var call = new ToolCall("mcp-" + UUID.randomUUID(), request.name(), arguments(request));
    ServedCall run;
    try {
      run = runtime.call(spec.runtimeName(), envelope, call);
    } catch (NotFound e) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
          .message("unknown tool '" + request.name() + "' on MCP server '" + spec.name() + "'")
          .build();
    } catch (InvalidInput e) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(e.getMessage()).build();
    } catch (RateLimited e) {
      return failure(e.getMessage());
    }
    var result = outcome(run);
    progress(exchange, request, run);
    return result;
  }

  private String arguments(CallToolRequest request) {
    var arguments = request.arguments() == null ? Map.<String, Object>of() : request.arguments();
    try {
      return JSON.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
          .message("arguments: not representable as JSON: " + e.getOriginalMessage())
          .build();
    }
  }

  /** The MCP result of a served call as it stands. */
  static CallToolResult outcome(ServedCall run) {
    return switch (run.status()) {
      case COMPLETED ->
          run.result() == null
              ? failure("the call completed without a result")
              : result(run.result());
      case WAITING -> waiting(run);
      case FAILED, CANCELLED ->
          failure(run.error() == null ? "the call " + run.status() : run.error());
      case RUNNING -> waiting(run);
    };
  }

  static CallToolResult result(ToolResult result) {
    if (result.error()) {
      return failure(errorMessage(result.content()));
    }
    var builder = CallToolResult.builder().addTextContent(result.content()).isError(false);
    var structured = object(result.content());
    if (structured != null) {
      builder.structuredContent(structured);
    }
    return builder.build();
  }

  private static CallToolResult waiting(ServedCall run) {
    var approvals = run.approvals();
    var structured = new LinkedHashMap<String, Object>();
    structured.put("status", "waiting_for_approval");
    structured.put("call", run.id().value());
    structured.put("approvals", approvals);
    structured.put("resource", CallResource.uri(run.id()));
    var text =
        "Waiting for approval "
            + String.join(", ", approvals)
            + ": a person must approve this call before it runs. Its outcome will be at "
            + CallResource.uri(run.id())
            + ".";
    return CallToolResult.builder()
        .addTextContent(text)
        .structuredContent(structured)
        .isError(false)
        .build();
  }

  private static CallToolResult failure(String message) {
    return CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  private void progress(McpSyncServerExchange exchange, CallToolRequest request, ServedCall run) {
    var token = request.meta() == null ? null : request.meta().get("progressToken");
    if (token == null) {
      return;
    }
    var message =
        run.status() == RunStatus.WAITING
            ? "waiting for approval " + String.join(", ", run.approvals())
            : "done";
    try {
      exchange.progressNotification(new McpSchema.ProgressNotification(token, 1.0, 1.0, message));
    } catch (RuntimeException e) {
      // The result is what the caller needs; a progress message that cannot be sent is not.
      log.debug("progress notification for '{}' not sent: {}", request.name(), e.toString());
    }
  }

  /** The message of an error result's {@code {"error": "..."}} content, else the content. */
  static String errorMessage(String content) {
    try {
      var node = JSON.readTree(content);
      if (node != null && node.isObject() && node.path("error").isTextual()) {
        return node.path("error").asText();
      }
    } catch (JsonProcessingException e) {
      // Not JSON: the content is the message.
    }
    return content;
  }

  /** The content as a JSON object, or null if it is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String content) {
    try {
      JsonNode node = JSON.readTree(content);
      return node != null && node.isObject() ? JSON.convertValue(node, Map.class) : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
