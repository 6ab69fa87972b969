package dev.colony.mcp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model and an approver see of a remote tool, in a canonical form, and its SHA-256.
 *
 * <p>The form keeps the tool's name, title, description, input and output schemas and annotations
 * as the server sent them (its {@code _meta} and icons are left out), as JSON with object keys
 * sorted at every level and no whitespace, so that the same definition sent with its keys in
 * another order hashes the same.
 *
 * @param definition the canonical JSON text
 * @param sha256 lower-case hex SHA-256 of the definition's UTF-8 bytes
 */
record ToolFingerprint(String definition, String sha256) {
  private static final List<String> SEEN =
      List.of("name", "title", "description", "inputSchema", "outputSchema", "annotations");
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  static ToolFingerprint of(McpSchema.Tool tool) {
    Map<String, Object> wire = CANONICAL.convertValue(tool, Map.class);
    var kept = new TreeMap<String, Object>();
    for (var key : SEEN) {
      if (wire.get(key) != null) {
        kept.put(key, wire.get(key));
      }
    }
    try {
      var definition = CANONICAL.writeValueAsString(kept);
      return new ToolFingerprint(definition, sha256(definition));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode MCP tool '" + tool.name() + "'", e);
    }
  }

  private static String sha256(String text) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
