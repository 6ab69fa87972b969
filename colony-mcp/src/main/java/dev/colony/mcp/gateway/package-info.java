/**
 * The gateway: an OpenAPI document becomes tools that call the HTTP API it describes.
 *
 * <p>{@link dev.colony.mcp.gateway.OpenApiTools} is the entry point; everything else here is
 * package-private. The tools are plain {@link dev.colony.core.tool.ToolHandler}s: the Gate runs
 * them, and Colony's MCP server serves them like any other.
 */
package dev.colony.mcp.gateway;
