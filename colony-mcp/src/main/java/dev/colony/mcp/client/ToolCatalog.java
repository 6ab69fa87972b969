package dev.colony.mcp.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.ColonyException;
import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolSpec;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one MCP server lists, and which of it is approved to run.
 *
 * <p>Thread-safe: every method synchronizes, so listings (first or after a reconnect or a {@code
 * list_changed}) and approvals apply one at a time. A listing or approval whose pins cannot be
 * saved changes nothing here.
 */
final class ToolCatalog {
  static final String OPEN_OBJECT = "{\"type\":\"object\"}";
  private static final Logger log = LoggerFactory.getLogger(ToolCatalog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String server;
  private final Map<String, RiskTier> tiers;
  private final ToolPins pins;
  private Map<String, Entry> listed;
  private final Map<String, Entry> known = new HashMap<>();
  private Map<String, String> pinned;

  /** A tool as last listed. */
  private record Entry(ToolFingerprint print, ToolSpec spec) {}

  ToolCatalog(McpServerRef ref, ToolPins pins) {
    this.server = ref.name();
    this.tiers = ref.tiers();
    this.pins = pins;
  }

  /** Takes a listing; the first one ever for this server (per the pins store) pins every tool. */
  synchronized void update(List<McpSchema.Tool> tools) {
    var next = new LinkedHashMap<String, Entry>();
    for (var tool : tools) {
      if (tool == null || tool.name() == null) {
        log.warn("MCP server '{}' lists a tool without a name; it is left out", server);
        continue;
      }
      try {
        next.put(tool.name(), new Entry(ToolFingerprint.of(tool), spec(tool)));
      } catch (InvalidInput e) {
        log.warn("MCP server '{}' lists a tool that is left out: {}", server, e.getMessage());
      }
    }
    if (pinned == null) {
      pinned = loadPins(next);
    }
    for (var entry : next.entrySet()) {
      var name = entry.getKey();
      var hash = entry.getValue().print().sha256();
      var before = listed == null ? null : listed.get(name);
      if (before != null && before.print().sha256().equals(hash)) {
        continue;
      }
      var pin = pinned.get(name);
      if (pin == null) {
        log.warn("MCP server '{}' lists a new tool '{}'; it runs once approved", server, name);
      } else if (!pin.equals(hash)) {
        log.warn(
            "MCP server '{}' changed tool '{}' since it was approved; it is disabled until approved"
                + " again",
            server,
            name);
      }
    }
    if (listed != null) {
      listed.keySet().stream()
          .filter(name -> !next.containsKey(name))
          .forEach(name -> log.warn("MCP server '{}' no longer lists tool '{}'", server, name));
    }
    listed = next;
    known.putAll(next);
  }

  /** Whether the server has listed its tools since the source was built. */
  synchronized boolean listed() {
    return listed != null;
  }

  /** The server's tools as listed, then those the manifest declares; names without namespace. */
  synchronized List<String> names() {
    var names = new LinkedHashSet<String>();
    if (listed != null) {
      names.addAll(listed.keySet());
    }
    names.addAll(new TreeSet<>(tiers.keySet()));
    return List.copyOf(names);
  }

  /**
   * The spec agents see: as last listed if that definition is approved. A definition waiting for
   * approval never reaches a model (its description could be written to steer one); such a tool,
   * and a declared one the server has not listed yet, gets a neutral description, an open object
   * schema and the manifest's tier (else {@code WRITE_HIGH}).
   */
  synchronized ToolSpec spec(String tool) {
    var entry = listed == null ? null : listed.get(tool);
    if (entry == null) {
      entry = known.get(tool);
    }
    if (entry == null) {
      return placeholder(
          tool,
          "Tool '%s' of MCP server '%s' (not described yet: the server has not listed its tools)"
              .formatted(tool, server));
    }
    if (entry.print().sha256().equals(pinned.get(tool))) {
      return entry.spec();
    }
    return placeholder(
        tool,
        "Tool '%s' of MCP server '%s' is disabled: its definition waits for an operator's approval"
            .formatted(tool, server));
  }

  /** Fails unless the tool is listed now with the definition that was approved. */
  synchronized void requireRunnable(String tool) {
    var qualified = server + "." + tool;
    if (listed == null) {
      throw new ToolFailure(
          "MCP server '%s' has not listed its tools yet, so tool '%s' was not called"
              .formatted(server, qualified));
    }
    var entry = listed.get(tool);
    if (entry == null) {
      if (known.containsKey(tool) || pinned.containsKey(tool)) {
        throw new ToolFailure(
            "MCP server '%s' no longer offers tool '%s': it was removed from the server's tool list"
                .formatted(server, qualified));
      }
      throw new ToolFailure(
          "MCP server '%s' does not offer a tool named '%s' (it offers: %s)"
              .formatted(server, tool, String.join(", ", listed.keySet())));
    }
    var hash = entry.print().sha256();
    var pin = pinned.get(tool);
    if (pin == null) {
      throw new ToolFailure(
          ("tool '%s' is new on MCP server '%s' and has not been approved; it runs once an"
                  + " operator reviews its definition and approves it"
                  + " (McpToolSource.approveChange(\"%s\", \"%s\"))")
              .formatted(qualified, server, qualified, hash));
    }
    if (!pin.equals(hash)) {
      throw new ToolFailure(
          ("tool '%s' changed since it was approved: MCP server '%s' now lists a definition"
                  + " (description, schemas or annotations) hashing to %s, not the approved %s; it"
                  + " is disabled until an operator reviews the new definition and approves it"
                  + " (McpToolSource.approveChange(\"%s\", \"%s\"))")
              .formatted(qualified, server, hash, pin, qualified, hash));
    }
  }

  /** The listed tools that wait for approval, in listing order. */
  synchronized List<ToolChange> changes() {
    var changes = new ArrayList<ToolChange>();
    if (listed == null) {
      return changes;
    }
    listed.forEach(
        (name, entry) -> {
          var pin = pinned.get(name);
          var hash = entry.print().sha256();
          if (!hash.equals(pin)) {
            changes.add(
                new ToolChange(
                    server + "." + name,
                    pin == null ? ToolChange.Kind.NEW : ToolChange.Kind.CHANGED,
                    pin,
                    hash,
                    entry.print().definition()));
          }
        });
    return changes;
  }

  /** Pins the listed definition of {@code tool}, if it still hashes to {@code sha256}. */
  synchronized void approve(String tool, String sha256) {
    var entry = listed == null ? null : listed.get(tool);
    if (entry == null) {
      throw new InvalidInput(
          "tool",
          "MCP server '%s' does not list a tool '%s' now; there is nothing to approve"
              .formatted(server, tool));
    }
    var hash = entry.print().sha256();
    if (!hash.equals(sha256)) {
      throw new Conflict(
          ("tool '%s.%s' now hashes to %s, not the %s given: its definition changed since it was"
                  + " read; review the current definition and approve that")
              .formatted(server, tool, hash, sha256));
    }
    var next = new HashMap<>(pinned);
    next.put(tool, hash);
    pins.save(server, next);
    pinned = next;
    log.info("MCP server '{}': tool '{}' approved at {}", server, tool, hash);
  }

  private Map<String, String> loadPins(Map<String, Entry> first) {
    var stored = pins.load(server);
    if (stored.isPresent()) {
      return new HashMap<>(stored.get());
    }
    var initial = new HashMap<String, String>();
    first.forEach((name, entry) -> initial.put(name, entry.print().sha256()));
    pins.save(server, initial);
    log.info("MCP server '{}': pinned {} tools at their first listing", server, initial.size());
    return initial;
  }

  private ToolSpec placeholder(String tool, String description) {
    return new ToolSpec(
        server + "." + tool,
        description,
        OPEN_OBJECT,
        null,
        tiers.getOrDefault(tool, RiskTier.WRITE_HIGH));
  }

  private ToolSpec spec(McpSchema.Tool tool) {
    var readOnly =
        tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
    var tier = tiers.getOrDefault(tool.name(), readOnly ? RiskTier.READ : RiskTier.WRITE_HIGH);
    var description =
        tool.description() != null ? tool.description() : tool.title() != null ? tool.title() : "";
    return new ToolSpec(
        server + "." + tool.name(),
        description,
        tool.inputSchema() == null ? OPEN_OBJECT : json(tool.name(), tool.inputSchema()),
        tool.outputSchema() == null ? null : json(tool.name(), tool.outputSchema()),
        tier);
  }

  private String json(String tool, Map<String, Object> schema) {
    try {
      return JSON.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      throw new ColonyException(
          "MCP server '%s': cannot encode the schema of tool '%s'".formatted(server, tool), e);
    }
  }
}
