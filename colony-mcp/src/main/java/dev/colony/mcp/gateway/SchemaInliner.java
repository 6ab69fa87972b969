package dev.colony.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colony.core.InvalidInput;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns OpenAPI schemas into self-contained JSON Schema (2020-12) trees.
 *
 * <p>Local references to {@code #/components/schemas/NAME} are inlined; any other {@code $ref} is
 * an error. A schema that refers to itself, directly or through others, is cut where it recurs: the
 * recurring place becomes {@code {"type": ..., "description": "NAME, recursive: not expanded
 * further"}}, which accepts any value of that type. OpenAPI 3.0's dialect is translated ({@code
 * nullable}, boolean {@code exclusiveMinimum}/{@code exclusiveMaximum}, {@code example}); {@code
 * discriminator}, {@code xml}, {@code externalDocs} and {@code x-} extensions are left out.
 * Immutable after construction and thread-safe.
 */
final class SchemaInliner {
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 20_000;
  private static final String COMPONENTS = "#/components/schemas/";
  private static final Set<String> SCHEMA =
      Set.of(
          "items",
          "not",
          "additionalProperties",
          "unevaluatedProperties",
          "contains",
          "if",
          "then",
          "else",
          "propertyNames",
          "unevaluatedItems",
          "additionalItems",
          "contentSchema");
  private static final Set<String> SCHEMA_LIST = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  private static final Set<String> SCHEMA_MAP =
      Set.of("properties", "patternProperties", "dependentSchemas", "$defs", "definitions");
  private static final Set<String> DROPPED =
      Set.of("discriminator", "xml", "externalDocs", "exampleSetFlag");

  private final boolean openApi30;
  private final ObjectMapper mapper;
  private final Map<String, JsonNode> components = new LinkedHashMap<>();

  SchemaInliner(OpenAPI api) {
    this.openApi30 = api.getSpecVersion() != SpecVersion.V31;
    this.mapper = openApi30 ? io.swagger.v3.core.util.Json.mapper() : Json31.mapper();
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      api.getComponents()
          .getSchemas()
          .forEach((name, schema) -> components.put(name, tree(schema)));
    }
  }

  /**
   * The schema as a self-contained JSON Schema object.
   *
   * @param where the document location the schema sits at, for error messages
   * @throws InvalidInput naming {@code where} if a reference cannot be inlined or the schema nests
   *     deeper than {@value #MAX_DEPTH} levels or expands to more than {@value #MAX_NODES} schemas
   */
  ObjectNode inline(Schema<?> schema, String where) {
    if (schema == null) {
      return Json.object();
    }
    var walk = new Walk(where);
    var out = walk.schema(tree(schema), 0);
    if (out instanceof ObjectNode object) {
      return object;
    }
    // JSON Schema's boolean schemas: true accepts anything, false nothing
    return out.asBoolean(true) ? Json.object() : Json.object().set("not", Json.object());
  }

  private JsonNode tree(Schema<?> schema) {
    return mapper.valueToTree(schema);
  }

  /** One inlining pass: the references being expanded and the count of schemas produced. */
  private final class Walk {
    private final String where;
    private final Deque<String> expanding = new ArrayDeque<>();
    private int nodes;

    Walk(String where) {
      this.where = where;
    }

    JsonNode schema(JsonNode node, int depth) {
      if (!node.isObject()) {
        return node.deepCopy();
      }
      if (depth > MAX_DEPTH) {
        throw new InvalidInput(where, "schema nests deeper than " + MAX_DEPTH + " levels");
      }
      if (++nodes > MAX_NODES) {
        throw new InvalidInput(
            where,
            "schema expands to more than " + MAX_NODES + " schemas when its $refs are inlined");
      }
      var ref = node.get("$ref");
      var out = ref == null ? Json.object() : reference(ref.asText(), depth);
      for (var field : node.properties()) {
        var key = field.getKey();
        if (key.equals("$ref") || key.startsWith("x-") || DROPPED.contains(key)) {
          continue;
        }
        // OpenAPI 3.0 ignores a $ref's siblings; 3.1 applies them on top of the target.
        if (ref == null || !openApi30) {
          out.set(key, keyword(key, field.getValue(), depth));
        }
      }
      if (ref == null) {
        normalize(out);
      }
      return out;
    }

    private ObjectNode reference(String ref, int depth) {
      if (!ref.startsWith(COMPONENTS)) {
        throw new InvalidInput(
            where,
            "$ref '"
                + ref
                + "' is not supported: only local references to "
                + COMPONENTS
                + "NAME are inlined");
      }
      var name = unescape(ref.substring(COMPONENTS.length()));
      var target = components.get(name);
      if (target == null) {
        throw new InvalidInput(where, "$ref '" + ref + "' names no schema in components.schemas");
      }
      if (expanding.contains(name)) {
        var cut = Json.object();
        if (target.path("type").isTextual()) {
          cut.set("type", target.get("type"));
        }
        return cut.put("description", name + ", recursive: not expanded further");
      }
      expanding.push(name);
      var out = schema(target, depth + 1);
      expanding.pop();
      return out instanceof ObjectNode object ? object : Json.object();
    }

    private JsonNode keyword(String key, JsonNode value, int depth) {
      if (SCHEMA.contains(key) || SCHEMA_LIST.contains(key)) {
        if (value.isArray()) {
          var list = JsonNodeFactory.instance.arrayNode();
          value.forEach(item -> list.add(schema(item, depth + 1)));
          return list;
        }
        return schema(value, depth + 1);
      }
      if (SCHEMA_MAP.contains(key) && value.isObject()) {
        var map = Json.object();
        for (var entry : value.properties()) {
          map.set(entry.getKey(), schema(entry.getValue(), depth + 1));
        }
        return map;
      }
      return plain(value);
    }

    private void normalize(ObjectNode schema) {
      if (openApi30) {
        nullable(schema);
        exclusive(schema, "exclusiveMinimum", "minimum");
        exclusive(schema, "exclusiveMaximum", "maximum");
      }
      var example = schema.remove("example");
      if (example != null && !schema.has("examples")) {
        schema.set("examples", JsonNodeFactory.instance.arrayNode().add(example));
      }
    }

    /** OpenAPI 3.0's {@code nullable: true} is JSON Schema's {@code "null"} type. */
    private static void nullable(ObjectNode schema) {
      var nullable = schema.remove("nullable");
      if (nullable == null || !nullable.asBoolean()) {
        return;
      }
      var type = schema.get("type");
      if (type != null && type.isTextual()) {
        schema.set("type", JsonNodeFactory.instance.arrayNode().add(type).add("null"));
      }
      if (schema.get("enum") instanceof ArrayNode values) {
        boolean listsNull = false;
        for (var value : values) {
          listsNull |= value.isNull();
        }
        if (!listsNull) {
          values.addNull();
        }
      }
    }

    /**
     * OpenAPI 3.0's boolean {@code exclusiveMinimum} qualifies {@code minimum}; 2020-12's is the
     * bound.
     */
    private static void exclusive(ObjectNode schema, String flag, String bound) {
      var value = schema.get(flag);
      if (value == null || !value.isBoolean()) {
        return;
      }
      schema.remove(flag);
      if (value.asBoolean() && schema.has(bound)) {
        schema.set(flag, schema.remove(bound));
      }
    }
  }

  /**
   * A copy in which whole numbers are integers: the parser reads bounds as decimals, and {@code
   * 100.0} is the same JSON number as {@code 100} but reads worse and compares unequal in Jackson.
   */
  private static JsonNode plain(JsonNode value) {
    if (value.isFloatingPointNumber()) {
      var decimal = value.decimalValue().stripTrailingZeros();
      if (decimal.scale() <= 0 && decimal.precision() - decimal.scale() <= 18) {
        var whole = decimal.longValueExact();
        return whole == (int) whole ? IntNode.valueOf((int) whole) : LongNode.valueOf(whole);
      }
      return value.deepCopy();
    }
    if (value.isArray()) {
      var list = JsonNodeFactory.instance.arrayNode();
      value.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (value.isObject()) {
      var map = Json.object();
      value.properties().forEach(entry -> map.set(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    return value.deepCopy();
  }

  private static String unescape(String token) {
    var decoded = URLDecoder.decode(token.replace("+", "%2B"), StandardCharsets.UTF_8);
    return decoded.replace("~1", "/").replace("~0", "~");
  }
}
