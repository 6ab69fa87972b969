/**
 * Remote MCP servers as governed tool sources: {@link dev.colony.mcp.client.McpToolSource} turns
 * the tools of a server named by an {@link dev.colony.mcp.client.McpServerRef} into tool handlers
 * that the Gate runs, with reconnects, a circuit breaker, and tool definitions pinned in {@link
 * dev.colony.mcp.client.ToolPins} so that a tool changed after approval does not run.
 */
package dev.colony.mcp.client;
