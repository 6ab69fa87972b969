package dev.colony.runtime;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.identity.HopSeal;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.core.run.RunStatus;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import dev.colony.runtime.internal.Json;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * Another agent offered as a tool, {@code agent.NAME}: calling it runs that agent as a child run.
 *
 * <p>The child run is found again by its parent's run and call id, so calling the tool again after
 * a pause or a crash continues the same child instead of starting a second one. While the child
 * waits (for an approval, say) the call waits too, and the parent run suspends.
 */
final class AgentTool implements ToolHandler {
  static final String PREFIX = "agent.";
  private static final String SCHEMA =
      """
      {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",\
      "properties":{"request":{"type":"string","minLength":1,"maxLength":100000,\
      "description":"What to ask the agent, in plain words, with every id it needs"}},\
      "required":["request"],"additionalProperties":false}""";

  private final AgentRuntime runtime;
  private final AgentSpec agent;
  private final ToolSpec spec;

  AgentTool(AgentRuntime runtime, AgentSpec agent) {
    this.runtime = runtime;
    this.agent = agent;
    var skills = agent.skills().stream().map(s -> s.name()).collect(Collectors.joining(", "));
    var description =
        "Delegate to the '"
            + agent.name()
            + "' agent: "
            + agent.description()
            + (skills.isEmpty() ? "" : " Skills: " + skills + ".");
    this.spec = new ToolSpec(PREFIX + agent.name(), description, SCHEMA, null, RiskTier.WRITE_LOW);
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolOutcome invoke(ToolContext context, String arguments) {
    var tenant = context.envelope().tenant();
    var existing = runtime.runStore().findChild(tenant, context.runId(), context.call().id());
    if (existing.isEmpty()) {
      Envelope delivered;
      try {
        delivered = hop(context.envelope(), arguments);
      } catch (IdentityRejected refused) {
        return new ToolOutcome.Done(
            ToolResult.failure(
                context.call(),
                "the hop to agent '" + agent.name() + "' was refused: " + refused.getMessage()));
      }
      existing =
          java.util.Optional.of(
              runtime.startChild(
                  agent,
                  delivered,
                  Json.parse("arguments", arguments).path("request").asText(),
                  context.runId(),
                  context.call().id()));
    }
    // A child left RUNNING by a process that died is continued from its checkpoint.
    var child =
        existing.get().status() == RunStatus.RUNNING
            ? runtime.resume(tenant, existing.get().id())
            : existing.get();
    return switch (child.status()) {
      case COMPLETED -> {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("agent", agent.name());
        answer.put("run_id", child.id().value());
        answer.put("answer", child.output());
        yield new ToolOutcome.Done(ToolResult.success(context.call(), Json.write(answer)));
      }
      case WAITING ->
          new ToolOutcome.Waiting(
              "run:" + child.id(),
              "agent '" + agent.name() + "' is waiting (" + child.waitingOn() + ")");
      case RUNNING ->
          new ToolOutcome.Waiting(
              "run:" + child.id(), "agent '" + agent.name() + "' is still running");
      case FAILED, CANCELLED ->
          new ToolOutcome.Done(
              ToolResult.failure(
                  context.call(),
                  "agent '"
                      + agent.name()
                      + "' run "
                      + child.id()
                      + " "
                      + child.status().name().toLowerCase(java.util.Locale.ROOT)
                      + ": "
                      + child.error()));
    };
  }

  /**
   * The envelope the callee receives: sealed by the caller and opened by the callee when the
   * runtime has a {@link HopSeal}, so the callee trusts only what verifies.
   */
  private Envelope hop(Envelope caller, String arguments) {
    var seal = runtime.hopSeal();
    if (seal == null) {
      return caller;
    }
    var digest = Json.digest(arguments);
    var sealed = seal.seal(caller, agent.name(), ANY_SKILL, digest);
    return seal.open(sealed, agent.name(), digest);
  }

  /** The skill an {@code agent.NAME} tool asks for: the agent as a whole. */
  static final String ANY_SKILL = "*";

  static Principal principal(AgentSpec agent) {
    return Principal.agent(agent.name());
  }
}
