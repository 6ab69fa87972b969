package dev.colony.mcp.server;

import dev.colony.core.Envelope;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A resource template of an MCP server (RFC 6570 level 1, for example {@code
 * retail://orders/{order_id}}). Immutable; {@code read} is called concurrently.
 *
 * @param uriTemplate the template
 * @param name a short name
 * @param description what its resources hold
 * @param mimeType their media type
 * @param read the text of the resource the variables name, for the calling user; empty when there
 *     is no such resource (or the caller may not see it: the two are not told apart)
 */
public record McpResourceTemplate(
    String uriTemplate,
    String name,
    String description,
    String mimeType,
    BiFunction<Envelope, Map<String, String>, Optional<String>> read) {
  public McpResourceTemplate {
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(read, "read");
  }
}
