package dev.colony.core.agent;

import dev.colony.core.InvalidInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An agent's manifest: who it is, which model drives it, which tools it may call.
 *
 * @param name unique name on a node, lower-case letters, digits and '-'
 * @param version the manifest's version
 * @param description what the agent does, for people and calling agents
 * @param model the model reference, for example {@code openai:gpt-4.1}, or {@code default} for the
 *     node's configured model
 * @param instructions system instructions, in order
 * @param tools names of the tools it may call (local tools, or other agents as {@code agent.NAME})
 * @param skills what it can be asked to do
 * @param budget limits on each of its runs
 * @param scopes the most scopes its runs may hold: a run carries the scopes its caller holds that
 *     are also listed here, so scopes only shrink from caller to agent; tokens exchanged for this
 *     agent are narrowed to them too. An agent that lists none holds none.
 */
public record AgentSpec(
    String name,
    String version,
    String description,
    String model,
    List<String> instructions,
    List<String> tools,
    List<SkillSpec> skills,
    Budget budget,
    Set<String> scopes) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  public AgentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(model, "model");
    instructions = List.copyOf(instructions);
    tools = List.copyOf(tools);
    skills = List.copyOf(skills);
    Objects.requireNonNull(budget, "budget");
    scopes = Set.copyOf(scopes);
    for (var scope : scopes) {
      if (scope.isBlank() || scope.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
        throw new InvalidInput(
            "agent.scopes",
            "must be OAuth scope tokens (printable, no spaces, quotes or backslashes), got '"
                + scope
                + "'");
      }
    }
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInput(
          "agent.name",
          "must be 1 to 63 lower-case letters, digits or '-', starting with a letter, got '"
              + name
              + "'");
    }
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds an {@link AgentSpec}; only the name is required. */
  public static final class Builder {
    private final String name;
    private String version = "1.0.0";
    private String description = "";
    private String model = "default";
    private final List<String> instructions = new ArrayList<>();
    private final List<String> tools = new ArrayList<>();
    private final List<SkillSpec> skills = new ArrayList<>();
    private Budget budget = Budget.DEFAULT;
    private final Set<String> scopes = new LinkedHashSet<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder instruction(String instruction) {
      instructions.add(instruction);
      return this;
    }

    public Builder tools(String... names) {
      tools.addAll(List.of(names));
      return this;
    }

    public Builder skill(SkillSpec skill) {
      skills.add(skill);
      return this;
    }

    public Builder budget(Budget budget) {
      this.budget = budget;
      return this;
    }

    /** Scopes the agent's runs may hold (see {@link AgentSpec#scopes()}). */
    public Builder scopes(String... names) {
      scopes.addAll(List.of(names));
      return this;
    }

    public AgentSpec build() {
      return new AgentSpec(
          name, version, description, model, instructions, tools, skills, budget, scopes);
    }
  }
}
