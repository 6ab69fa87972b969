package dev.colony.core.tool;

/**
 * A tool an agent can call: its spec and the code that serves its calls.
 *
 * <p>Implementations are called only through the Gate, with arguments already validated against
 * {@link ToolSpec#inputSchema()}. Tools are called concurrently on virtual threads and must be
 * thread-safe.
 */
public interface ToolHandler {
  ToolSpec spec();

  /**
   * Runs the call.
   *
   * @param context who calls and the call's idempotency key
   * @param arguments the validated arguments, as JSON text of an object
   * @return the outcome; a tool that fails for a reason the model should see returns a failed
   *     {@link ToolResult} or throws {@link ToolFailure}
   */
  ToolOutcome invoke(ToolContext context, String arguments);
}
