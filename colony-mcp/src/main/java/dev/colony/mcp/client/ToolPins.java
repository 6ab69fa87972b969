package dev.colony.mcp.client;

import java.util.Map;
import java.util.Optional;

/**
 * Where the approved definitions of remote MCP tools are kept: per server, each tool's name and the
 * SHA-256 of the definition that was approved (see {@link McpToolSource}).
 *
 * <p>Implementations are thread-safe. One {@link McpToolSource} per server name should write to a
 * store at a time; two would overwrite each other's approvals.
 */
public interface ToolPins {

  /**
   * The pins of a server's tools.
   *
   * @return tool name (as the server lists it) to lower-case hex SHA-256, or empty if nothing was
   *     ever saved for this server, which lets the first listing pin what it finds
   */
  Optional<Map<String, String>> load(String server);

  /** Replaces the pins of a server's tools, all at once or not at all. */
  void save(String server, Map<String, String> pins);
}
