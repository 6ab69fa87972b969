package dev.colony.planner;

import java.util.Map;
import java.util.Objects;

/**
 * A tool call a {@link PlanStep} asks for.
 *
 * @param tool the tool's name, as offered to the agent
 * @param arguments the arguments object: a {@code Map} or a record, written as JSON with Jackson
 *     (map keys sorted, so the same arguments always give the same text); {@code null} means none
 */
public record PlannedCall(String tool, Object arguments) {
  public PlannedCall {
    Objects.requireNonNull(tool, "tool");
    arguments = arguments == null ? Map.of() : arguments;
  }

  public static PlannedCall of(String tool, Object arguments) {
    return new PlannedCall(tool, arguments);
  }
}
