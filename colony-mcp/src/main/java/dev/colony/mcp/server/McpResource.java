package dev.colony.mcp.server;

import dev.colony.core.Envelope;
import java.util.Objects;
import java.util.function.Function;

/**
 * A fixed resource of an MCP server. Immutable; {@code read} is called concurrently.
 *
 * @param uri the resource's URI, for example {@code retail://policies/refunds}
 * @param name a short name
 * @param description what it holds, for people and models
 * @param mimeType its media type, for example {@code application/json}
 * @param read produces its text for the calling user (the envelope gives tenant and principal)
 */
public record McpResource(
    String uri, String name, String description, String mimeType, Function<Envelope, String> read) {
  public McpResource {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mimeType, "mimeType");
    Objects.requireNonNull(read, "read");
  }
}
