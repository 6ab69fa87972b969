package dev.colony.runtime;

import dev.colony.core.agent.AgentSpec;
import dev.colony.core.model.ModelClient;

/** Chooses the model client that drives an agent, from its manifest's model reference. */
@FunctionalInterface
public interface ModelResolver {
  ModelClient forAgent(AgentSpec agent);

  /** Every agent uses the same client. */
  static ModelResolver always(ModelClient client) {
    return agent -> client;
  }
}
