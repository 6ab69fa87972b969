package dev.colony.telemetry;

/**
 * Span names and attribute keys from the OpenTelemetry GenAI semantic conventions, plus Colony's
 * own.
 *
 * <p>The keys are plain strings so that no module needs the incubating semconv artifact. The
 * runtime cannot depend on this module and repeats the few strings it uses; keep both in step.
 *
 * <p>Spans: {@code invoke_agent {agent}}, {@code chat {model}}, {@code execute_tool {tool}}; see
 * {@link #invokeAgent(String)}, {@link #chat(String)} and {@link #executeTool(String)}.
 */
public final class GenAiAttributes {
  /** The operation: {@value #INVOKE_AGENT}, {@value #CHAT} or {@value #EXECUTE_TOOL}. */
  public static final String OPERATION_NAME = "gen_ai.operation.name";

  /** The provider of the model, for example {@code openai} or {@code anthropic}. */
  public static final String PROVIDER_NAME = "gen_ai.provider.name";

  /** The name of the agent a span acts for. */
  public static final String AGENT_NAME = "gen_ai.agent.name";

  /** The name of the tool being executed. */
  public static final String TOOL_NAME = "gen_ai.tool.name";

  /** The id the model gave the tool call. */
  public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";

  /** The model asked for. */
  public static final String REQUEST_MODEL = "gen_ai.request.model";

  /** Tokens in the model's input. */
  public static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";

  /** Tokens in the model's output. */
  public static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

  /** The class of error a span ended with (general semantic conventions). */
  public static final String ERROR_TYPE = "error.type";

  /** The Colony run the span belongs to. */
  public static final String COLONY_RUN_ID = "colony.run.id";

  /** The tenant the span's work belongs to. */
  public static final String COLONY_TENANT = "colony.tenant";

  /** Operation name of an agent invocation. */
  public static final String INVOKE_AGENT = "invoke_agent";

  /** Operation name of a model turn. */
  public static final String CHAT = "chat";

  /** Operation name of a tool execution. */
  public static final String EXECUTE_TOOL = "execute_tool";

  private GenAiAttributes() {}

  /** The span name for invoking an agent: {@code invoke_agent orders}. */
  public static String invokeAgent(String agent) {
    return INVOKE_AGENT + " " + agent;
  }

  /** The span name for a model turn: {@code chat gpt-4.1}. */
  public static String chat(String model) {
    return CHAT + " " + model;
  }

  /** The span name for executing a tool: {@code execute_tool get_order}. */
  public static String executeTool(String tool) {
    return EXECUTE_TOOL + " " + tool;
  }
}
