package dev.colony.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/** The test documents, and calling a tool the way the Gate does. */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String YAML_30 = "gateway/orders-3.0.yaml";
  static final String JSON_31 = "gateway/orders-3.1.json";

  private Fixtures() {}

  static Path path(String resource) {
    try {
      return Path.of(Fixtures.class.getClassLoader().getResource(resource).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String text(String resource) {
    try (var in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ToolResult call(ToolHandler tool, String arguments) {
    return call(tool, arguments, "key-1");
  }

  static ToolResult call(ToolHandler tool, String arguments, String idempotencyKey) {
    var call = new ToolCall("call-1", tool.spec().name(), arguments);
    var context =
        new ToolContext(
            Envelope.of(TenantId.DEFAULT, Principal.user("ana"), Set.of()),
            RunId.of("run-1"),
            "support",
            call,
            idempotencyKey);
    var outcome = tool.invoke(context, arguments);
    if (outcome instanceof ToolOutcome.Done done) {
      return done.result();
    }
    throw new AssertionError("expected a result, got " + outcome);
  }
}
