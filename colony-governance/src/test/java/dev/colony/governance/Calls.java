package dev.colony.governance;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.agent.Budget;
import dev.colony.core.gate.GateRequest;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolSpec;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Gate requests and tool specs for the engine's tests. */
final class Calls {
  static final TenantId TENANT = TenantId.of("acme");

  /** A support representative, delegating the retail scopes to the agents acting for them. */
  static final Envelope USER =
      Envelope.of(
          TENANT,
          Principal.user("rep-7"),
          Set.of("orders:read", "orders:write", "payments:read", "payments:refund"));

  private Calls() {}

  /** A tool with the given tier and input schema. */
  static ToolSpec tool(String name, RiskTier tier, String inputSchema) {
    return new ToolSpec(name, name + " tool", inputSchema, null, tier);
  }

  /** A tool taking no arguments. */
  static ToolSpec tool(String name, RiskTier tier) {
    return tool(name, tier, "{\"type\":\"object\",\"properties\":{}}");
  }

  /** A call by an agent acting for rep-7 in tenant acme. */
  static GateRequest call(String agent, ToolSpec spec, String arguments) {
    return call(USER, agent, spec, arguments);
  }

  /** A call by an agent acting for the envelope's chain, with the envelope's scopes. */
  static GateRequest call(Envelope envelope, String agent, ToolSpec spec, String arguments) {
    return direct(
        envelope.delegateTo(Principal.agent(agent), envelope.scopes()), agent, spec, arguments);
  }

  /** A call made by the envelope's actor itself. */
  static GateRequest direct(Envelope acting, String agent, ToolSpec spec, String arguments) {
    return new GateRequest(
        acting,
        RunId.of("run-1"),
        agent,
        new ToolCall("c1", spec.name(), arguments),
        spec,
        "run-1/c1",
        new GateRequest.Budgeting(Budget.DEFAULT, 0, Instant.EPOCH));
  }

  /** The spec named, from the given specs. */
  static ToolSpec spec(Collection<ToolSpec> specs, String name) {
    return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /** An engine over the tools enforcing the given policy text as one file, {@code test.cedar}. */
  static CedarPolicyEngine engine(List<ToolSpec> tools, String policies) {
    return CedarPolicyEngine.builder(tools).policies(PolicyFile.of("test.cedar", policies)).build();
  }
}
