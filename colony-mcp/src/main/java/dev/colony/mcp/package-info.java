/**
 * MCP for Colony, on the official Java SDK (protocol 2025-11-25): {@code dev.colony.mcp.server}
 * serves Colony tools as MCP servers, {@code dev.colony.mcp.client} uses remote MCP servers as tool
 * sources, and {@code dev.colony.mcp.gateway} turns OpenAPI documents into tools.
 */
package dev.colony.mcp;
