package dev.colony.core.agent;

import java.util.List;
import java.util.Objects;

/**
 * Something an agent can be asked to do; published on its agent card.
 *
 * @param id stable identifier, unique within the agent
 * @param name short human name
 * @param description what the skill does
 * @param tags keywords
 * @param examples requests this skill answers, used for routing by the offline planner
 */
public record SkillSpec(
    String id, String name, String description, List<String> tags, List<String> examples) {
  public SkillSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    examples = List.copyOf(Objects.requireNonNull(examples, "examples"));
  }
}
