package dev.colony.mcp.client;

import java.util.Objects;

/**
 * A remote tool whose definition waits for an operator's approval before the tool runs.
 *
 * @param tool the tool's name as agents see it ({@code github.create_issue})
 * @param kind whether the tool is new or changed since it was approved
 * @param approvedSha256 the SHA-256 of the definition approved before, or {@code null} for a new
 *     tool
 * @param sha256 the SHA-256 of the definition the server lists now, which {@link
 *     McpToolSource#approveChange} takes, so that what is approved is what was reviewed
 * @param definition the definition the server lists now (name, title, description, schemas,
 *     annotations) as canonical JSON, for review
 */
public record ToolChange(
    String tool, Kind kind, String approvedSha256, String sha256, String definition) {

  /** Why a tool waits for approval. */
  public enum Kind {
    /** The server listed the tool after the first listing was pinned. */
    NEW,
    /** The server lists a definition other than the one approved. */
    CHANGED
  }

  public ToolChange {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(definition, "definition");
  }
}
