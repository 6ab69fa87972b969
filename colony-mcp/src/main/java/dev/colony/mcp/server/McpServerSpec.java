package dev.colony.mcp.server;

import dev.colony.core.InvalidInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One MCP server a node serves: a name (its path is {@code /mcp/{name}}), the node's tools it
 * exposes, and optional resources, resource templates and prompts. Immutable.
 *
 * @param name lower-case letters, digits and '-', starting with a letter (for example {@code
 *     orders})
 * @param version the server's version, reported in {@code initialize}
 * @param instructions what a client's model should know about the server, or {@code null}
 * @param tools names of tools registered with the node's runtime, in the order they are listed
 * @param resources fixed resources
 * @param templates resource templates
 * @param toolResources resource templates read through READ tools
 * @param prompts prompts
 */
public record McpServerSpec(
    String name,
    String version,
    String instructions,
    List<String> tools,
    List<McpResource> resources,
    List<McpResourceTemplate> templates,
    List<McpToolResource> toolResources,
    List<McpPrompt> prompts) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,50}");

  public McpServerSpec {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInput(
          "mcp.server.name",
          "must be 1 to 51 lower-case letters, digits or '-', starting with a letter, got '"
              + name
              + "'");
    }
    Objects.requireNonNull(version, "version");
    tools = List.copyOf(tools);
    resources = List.copyOf(resources);
    templates = List.copyOf(templates);
    toolResources = List.copyOf(toolResources);
    prompts = List.copyOf(prompts);
  }

  /** Every tool the server calls: its tools, then those behind its tool resources. */
  public List<String> calledTools() {
    var all = new java.util.LinkedHashSet<>(tools);
    toolResources.forEach(r -> all.add(r.tool()));
    return List.copyOf(all);
  }

  /** The name of the tool server the node's runtime knows this server by. */
  public String runtimeName() {
    return "mcp-" + name;
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds an {@link McpServerSpec}; only the name is required. */
  public static final class Builder {
    private final String name;
    private String version = "1.0.0";
    private String instructions;
    private final List<String> tools = new ArrayList<>();
    private final List<McpResource> resources = new ArrayList<>();
    private final List<McpResourceTemplate> templates = new ArrayList<>();
    private final List<McpToolResource> toolResources = new ArrayList<>();
    private final List<McpPrompt> prompts = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    /** Exposes tools of the node's runtime, by name. */
    public Builder tools(List<String> names) {
      tools.addAll(names);
      return this;
    }

    public Builder resource(McpResource resource) {
      resources.add(resource);
      return this;
    }

    public Builder template(McpResourceTemplate template) {
      templates.add(template);
      return this;
    }

    public Builder toolResource(McpToolResource resource) {
      toolResources.add(resource);
      return this;
    }

    public Builder prompt(McpPrompt prompt) {
      prompts.add(prompt);
      return this;
    }

    public McpServerSpec build() {
      return new McpServerSpec(
          name, version, instructions, tools, resources, templates, toolResources, prompts);
    }
  }
}
