package dev.colony.mcp.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** Tools the test servers serve, built with the MCP Java SDK. */
final class TestTools {
  static final McpJsonMapper JSON = new JacksonMcpJsonMapper(new ObjectMapper());
  static final Map<String, Object> QUERY_SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of("query", Map.of("type", "string")),
          "required",
          List.of("query"));
  static final Map<String, Object> ISSUE_SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of("title", Map.of("type", "string")),
          "required",
          List.of("title"));
  static final Map<String, Object> OPEN = Map.of("type", "object");

  private TestTools() {}

  /** What the standard test server serves. */
  static List<SyncToolSpecification> standard() {
    return List.of(
        search("Searches the repository's issues."),
        createIssue(ISSUE_SCHEMA),
        echo(),
        archived(),
        broken());
  }

  /** Read-only (annotated so), with structured content. */
  static SyncToolSpecification search(String description) {
    var tool =
        McpSchema.Tool.builder()
            .name("search")
            .description(description)
            .inputSchema(QUERY_SCHEMA)
            .outputSchema(
                Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of("query", Map.of("type", "string"), "hits", Map.of("type", "array"))))
            .annotations(new McpSchema.ToolAnnotations("Search", true, false, true, false, null))
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) ->
            McpSchema.CallToolResult.builder()
                .structuredContent(
                    Map.of("query", request.arguments().get("query"), "hits", List.of(7, 11)))
                .addTextContent("2 hits")
                .build());
  }

  /** Not annotated, with text content only. */
  static SyncToolSpecification createIssue(Map<String, Object> inputSchema) {
    var tool =
        McpSchema.Tool.builder()
            .name("create_issue")
            .description("Opens an issue.")
            .inputSchema(inputSchema)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) ->
            McpSchema.CallToolResult.builder()
                .addTextContent("opened issue #42: " + request.arguments().get("title"))
                .build());
  }

  /** Answers with its arguments as structured content. */
  static SyncToolSpecification echo() {
    var tool =
        McpSchema.Tool.builder()
            .name("echo")
            .description("Answers with its arguments.")
            .inputSchema(OPEN)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) ->
            McpSchema.CallToolResult.builder().structuredContent(request.arguments()).build());
  }

  /** Reports a tool error ({@code isError}). */
  static SyncToolSpecification archived() {
    var tool =
        McpSchema.Tool.builder()
            .name("archive_note")
            .description("Adds a note to an archived repository.")
            .inputSchema(OPEN)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) ->
            McpSchema.CallToolResult.builder()
                .addTextContent("repository 'colony' is archived")
                .isError(true)
                .build());
  }

  /** Throws, which the SDK server answers with a JSON-RPC error. */
  static SyncToolSpecification broken() {
    var tool =
        McpSchema.Tool.builder()
            .name("broken")
            .description("Always throws.")
            .inputSchema(OPEN)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) -> {
          throw new IllegalStateException("database is down");
        });
  }

  /** Sleeps for {@code millis} before answering. */
  static SyncToolSpecification slow() {
    var tool =
        McpSchema.Tool.builder()
            .name("slow")
            .description("Takes its time.")
            .inputSchema(OPEN)
            .build();
    return new SyncToolSpecification(
        tool,
        (exchange, request) -> {
          try {
            Thread.sleep(((Number) request.arguments().get("millis")).longValue());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return McpSchema.CallToolResult.builder().addTextContent("done").build();
        });
  }
}
