package dev.colony.it.mcp;

import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolFailure;

/**
 * The tools the conformance suite's server scenarios call, as far as a Colony {@code @Tool} can
 * express them (names and texts from the scenarios of {@code @modelcontextprotocol/conformance}
 * 0.1.16). A Colony tool answers with text and structured content only, never sends log messages or
 * sampling and elicitation requests, so the scenarios that need those have no tool here: see {@code
 * mcp-conformance-expected-failures.txt}.
 */
public final class ConformanceTools {
  @Tool(name = "test_simple_text", description = "Returns a simple text response")
  public String simpleText() {
    return "This is a simple text response for testing.";
  }

  @Tool(name = "test_error_handling", description = "Always fails, for testing error results")
  public String errorHandling() {
    throw new ToolFailure("This tool intentionally returns an error for testing");
  }

  /** Colony reports progress itself, once, when the call is done; the tool has no say. */
  @Tool(name = "test_tool_with_progress", description = "Runs, with progress notifications")
  public String withProgress() {
    return "Progress test completed";
  }
}
