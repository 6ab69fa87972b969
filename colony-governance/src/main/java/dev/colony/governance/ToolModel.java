package dev.colony.governance;

import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tool as Cedar sees it: its action (a member of its tier's group), its resource entity, and
 * the Cedar type of its arguments. Built once at load; immutable and thread-safe.
 */
final class ToolModel {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final String NAMESPACE = "Colony";
  static final EntityTypeName ACTION = type("Action");
  static final EntityTypeName TOOL = type("Tool");
  static final EntityTypeName TENANT = type("Tenant");
  static final EntityTypeName USER = type("User");
  static final EntityTypeName AGENT = type("Agent");
  static final EntityTypeName SERVICE = type("Service");
  static final String WRITE_GROUP = "tier:WRITE";

  final ToolSpec spec;
  final EntityUID action;
  final Value tier;
  final InputType.RecordType input;
  final List<String> omitted;

  /**
   * The action (with its groups as parents) and the tool: entities every request about it needs.
   */
  final List<Entity> entities;

  /** The action ids a policy's action scope may name to cover this tool. */
  final Set<String> actionIds;

  private ToolModel(ToolSpec spec, InputType.RecordType input, List<String> omitted) {
    this.spec = spec;
    this.input = input;
    this.omitted = List.copyOf(omitted);
    this.action = ACTION.of(spec.name());
    this.tier = new PrimString(spec.tier().name());
    // Parents need not exist as entities for `in` to see them, so the group actions are not sent.
    var parents = new java.util.HashSet<EntityUID>();
    parents.add(ACTION.of(group(spec.tier())));
    var ids = new java.util.HashSet<String>(List.of(spec.name(), group(spec.tier())));
    if (spec.tier().writes()) {
      parents.add(ACTION.of(WRITE_GROUP));
      ids.add(WRITE_GROUP);
    }
    var resource =
        new Entity(
            TOOL.of(spec.name()),
            Map.of("name", new PrimString(spec.name()), "tier", tier),
            Set.of());
    this.entities = List.of(new Entity(action, parents), resource);
    this.actionIds = Set.copyOf(ids);
  }

  /**
   * The model of a tool.
   *
   * @throws IllegalArgumentException if the tool's input schema is not JSON
   */
  static ToolModel of(ToolSpec spec) {
    try {
      var omitted = new ArrayList<String>();
      var input = InputType.ofArguments(JSON.readTree(spec.inputSchema()), omitted);
      return new ToolModel(spec, input, omitted);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "tool '" + spec.name() + "': input schema is not valid JSON: " + e.getOriginalMessage());
    }
  }

  EntityUID resource() {
    return entities.getLast().getEUID();
  }

  /** Whether a spec the Gate passes is the one this model was built from. */
  boolean describes(ToolSpec other) {
    return other == spec
        || (other.tier() == spec.tier() && other.inputSchema().equals(spec.inputSchema()));
  }

  /** The action declaration for Colony's schema. */
  String declaration() {
    return "  // "
        + spec.name()
        + " ("
        + spec.tier()
        + ")\n  action "
        + CedarText.quote(spec.name())
        + " in ["
        + CedarText.quote(group(spec.tier()))
        + "] appliesTo {\n"
        + "    principal: [Agent, User, Service],\n"
        + "    resource: [Tool],\n"
        + "    context: {\n"
        + "      tier: String,\n"
        + "      tenant: Tenant,\n"
        + "      scopes: Set<String>,\n"
        + "      user?: User,\n"
        + "      input: "
        + input.cedar()
        + ",\n    }\n  };\n";
  }

  static String group(RiskTier tier) {
    return "tier:" + tier.name();
  }

  private static EntityTypeName type(String name) {
    return EntityTypeName.parse(NAMESPACE + "::" + name).orElseThrow();
  }
}
