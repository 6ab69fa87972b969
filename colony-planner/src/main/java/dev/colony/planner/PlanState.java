package dev.colony.planner;

import dev.colony.core.agent.SkillSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a plan knows when it decides its next step: the request, its parameters, and the tool calls
 * made so far with their results.
 *
 * @param skill the skill the request was routed to
 * @param task the request: the text of the conversation's first user message
 * @param params the extracted parameters by name, in declaration order; optional parameters that
 *     were not found are absent
 * @param exchanges the tool calls made so far in this run, in order, each with its result
 */
public record PlanState(
    SkillSpec skill, String task, Map<String, String> params, List<ToolExchange> exchanges) {
  public PlanState {
    Objects.requireNonNull(skill, "skill");
    Objects.requireNonNull(task, "task");
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    exchanges = List.copyOf(exchanges);
  }

  /**
   * The value of an extracted parameter.
   *
   * @throws IllegalArgumentException if it was not extracted (an optional parameter absent from the
   *     request, or a name no extractor declares)
   */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' was not extracted; extracted: " + params.keySet());
    }
    return value;
  }

  /** The latest call of {@code tool}, if it was called. */
  public Optional<ToolExchange> latest(String tool) {
    for (int i = exchanges.size() - 1; i >= 0; i--) {
      if (exchanges.get(i).tool().equals(tool)) {
        return Optional.of(exchanges.get(i));
      }
    }
    return Optional.empty();
  }

  /** The calls that failed, in order. */
  public List<ToolExchange> failures() {
    return exchanges.stream().filter(ToolExchange::error).toList();
  }
}
