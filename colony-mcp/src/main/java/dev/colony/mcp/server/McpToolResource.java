package dev.colony.mcp.server;

import java.util.Objects;

/**
 * A resource template whose resources a READ tool produces (for example {@code
 * retail://orders/{order_id}} from {@code get_order}): reading one is a call of the tool, through
 * the Gate as the reader, with the template's variables as its string arguments. So a resource is
 * governed and recorded like any other read.
 *
 * @param uriTemplate the template; its variables name the tool's arguments
 * @param name a short name
 * @param description what its resources hold
 * @param tool a READ tool of the node
 */
public record McpToolResource(String uriTemplate, String name, String description, String tool) {
  public McpToolResource {
    Objects.requireNonNull(uriTemplate, "uriTemplate");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tool, "tool");
  }
}
