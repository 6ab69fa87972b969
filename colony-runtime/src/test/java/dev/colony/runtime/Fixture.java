package dev.colony.runtime;

import dev.colony.core.Envelope;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.agent.AgentSpec;
import dev.colony.core.model.ModelClient;
import dev.colony.testing.InMemoryApprovalStore;
import dev.colony.testing.InMemoryEffectStore;
import dev.colony.testing.InMemoryRunStore;
import dev.colony.testing.RecordingListener;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Stores, a listener and a runtime builder shared by the runtime tests. */
final class Fixture {
  static final TenantId TENANT = TenantId.of("acme");
  static final Envelope ENVELOPE =
      Envelope.of(TENANT, Principal.user("rep-7"), Set.of("orders:read", "payments:refund"));

  final InMemoryRunStore runs = new InMemoryRunStore();
  final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
  final InMemoryEffectStore effects = new InMemoryEffectStore();
  final RecordingListener events = new RecordingListener();
  final Map<String, ModelClient> models = new HashMap<>();

  /** A runtime builder on this fixture's stores; each agent uses the model registered for it. */
  AgentRuntime.Builder runtime() {
    return AgentRuntime.builder()
        .stores(runs, approvals, effects)
        .models(agent -> models.get(agent.name()))
        .modelRetry(new ModelRetry(3, Duration.ZERO))
        .listener(events);
  }

  Fixture model(String agent, ModelClient model) {
    models.put(agent, model);
    return this;
  }

  static AgentSpec agent(String name, String... tools) {
    return AgentSpec.builder(name).description(name + " agent").tools(tools).build();
  }
}
