package dev.colony.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a tool's JSON Schema text into the parameters schema LangChain4j sends.
 *
 * <p>LangChain4j wants the parameters as a {@link JsonObjectSchema}. Local {@code $ref}s are
 * inlined first (Bedrock's mapper drops {@code $defs}, Gemini's has no references). Then either
 * each property passes through as {@link JsonRawSchema} text, keeping every keyword the Gate will
 * check (OpenAI, Anthropic, Bedrock and Ollama render raw schemas), or, for Gemini, whose mapper
 * accepts only typed elements, each property is converted: object, array, string, number, integer,
 * boolean, null, string {@code enum} and {@code const}, {@code anyOf}/{@code oneOf}, nullable type
 * lists. Bounds and formats, which the typed elements cannot hold, are appended to the description
 * so the model still sees them. What cannot be converted is rejected with its location rather than
 * sent wrong.
 */
final class JsonSchemas {
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ROOT_ONLY = List.of("$defs", "definitions", "$schema", "$id");
  private static final List<String> NOTED =
      List.of(
          "format",
          "pattern",
          "minimum",
          "exclusiveMinimum",
          "maximum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "default");

  /** A schema that cannot be sent; the message starts with its JSON pointer. */
  static final class UnsupportedSchema extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedSchema(String pointer, String problem) {
      super("at '" + (pointer.isEmpty() ? "/" : pointer) + "': " + problem, null, false, false);
    }
  }

  private JsonSchemas() {}

  static JsonObjectSchema parameters(String schemaText, boolean raw) {
    JsonNode root;
    try {
      root = JSON.readTree(schemaText);
    } catch (JsonProcessingException e) {
      throw new UnsupportedSchema("", "is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new UnsupportedSchema("", "must be a JSON object, got " + kind(root));
    }
    JsonNode type = root.get("type");
    if (type != null && !(type.isTextual() && type.asText().equals("object"))) {
      throw new UnsupportedSchema("/type", "the arguments schema must have type 'object'");
    }
    var inliner = new Inliner(root);
    return object((ObjectNode) inliner.inline(root, "", 0), "", raw, 0);
  }

  private static JsonObjectSchema object(ObjectNode node, String pointer, boolean raw, int depth) {
    var builder = JsonObjectSchema.builder().description(description(node, !raw));
    JsonNode properties = node.get("properties");
    if (properties != null && !properties.isObject()) {
      throw new UnsupportedSchema(pointer + "/properties", "must be an object");
    }
    if (properties != null) {
      for (Map.Entry<String, JsonNode> property : properties.properties()) {
        String at = pointer + "/properties/" + escape(property.getKey());
        JsonNode value = property.getValue();
        builder.addProperty(
            property.getKey(),
            raw
                ? JsonRawSchema.from(value.isObject() ? value.toString() : "{}")
                : element(value, at, depth + 1));
      }
    }
    JsonNode required = node.get("required");
    if (required != null && required.isArray()) {
      var names = new ArrayList<String>();
      required.forEach(name -> names.add(name.asText()));
      builder.required(names);
    }
    JsonNode additional = node.get("additionalProperties");
    if (additional != null && additional.isBoolean()) {
      builder.additionalProperties(additional.booleanValue());
    }
    return builder.build();
  }

  private static JsonSchemaElement element(JsonNode node, String pointer, int depth) {
    if (!node.isObject()) {
      throw new UnsupportedSchema(
          pointer, "must be a schema object, got " + kind(node) + " (a schema accepting anything)");
    }
    var schema = (ObjectNode) node;
    String description = description(schema, true);
    List<JsonNode> values = enumValues(schema);
    if (!values.isEmpty() && values.stream().allMatch(JsonNode::isTextual)) {
      return JsonEnumSchema.builder()
          .enumValues(values.stream().map(JsonNode::asText).toList())
          .description(description)
          .build();
    }
    for (String keyword : List.of("anyOf", "oneOf", "allOf")) {
      if (schema.has(keyword)) {
        return alternatives(schema, keyword, pointer, depth);
      }
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      return typeList(schema, (ArrayNode) type, pointer, depth);
    }
    String name = type != null ? type.asText() : impliedType(schema, values, pointer);
    return switch (name) {
      case "object" -> object(schema, pointer, false, depth);
      case "array" -> {
        JsonNode items = schema.get("items");
        if (items == null || !items.isObject()) {
          throw new UnsupportedSchema(
              pointer, "an array needs an 'items' schema (one schema, not a list)");
        }
        yield JsonArraySchema.builder()
            .items(element(items, pointer + "/items", depth + 1))
            .description(description)
            .build();
      }
      case "string" -> JsonStringSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "null" -> new JsonNullSchema();
      default ->
          throw new UnsupportedSchema(
              pointer + "/type",
              "unknown type '"
                  + name
                  + "', expected object, array, string, number, integer, boolean or null");
    };
  }

  /** anyOf and oneOf become anyOf; null branches make the rest nullable; allOf of one is it. */
  private static JsonSchemaElement alternatives(
      ObjectNode schema, String keyword, String pointer, int depth) {
    JsonNode branches = schema.get(keyword);
    if (!branches.isArray() || branches.isEmpty()) {
      throw new UnsupportedSchema(pointer + "/" + keyword, "must be a non-empty array of schemas");
    }
    var kept = new ArrayList<JsonNode>();
    branches.forEach(
        branch -> {
          if (!(branch.path("type").asText().equals("null") && branch.size() == 1)) {
            kept.add(branch);
          }
        });
    if (keyword.equals("allOf") && kept.size() > 1) {
      throw new UnsupportedSchema(
          pointer + "/allOf", "allOf with several schemas cannot be converted; merge them");
    }
    if (kept.size() == 1) {
      return element(withDescription(kept.get(0), schema), pointer + "/" + keyword, depth + 1);
    }
    var elements = new ArrayList<JsonSchemaElement>();
    for (int i = 0; i < kept.size(); i++) {
      elements.add(element(kept.get(i), pointer + "/" + keyword + "/" + i, depth + 1));
    }
    return JsonAnyOfSchema.builder().anyOf(elements).description(description(schema, true)).build();
  }

  /** {@code "type": ["string", "null"]} is a nullable string; several types become anyOf. */
  private static JsonSchemaElement typeList(
      ObjectNode schema, ArrayNode types, String pointer, int depth) {
    var kept = new ArrayList<String>();
    types.forEach(
        type -> {
          if (!type.asText().equals("null")) {
            kept.add(type.asText());
          }
        });
    if (kept.isEmpty()) {
      return new JsonNullSchema();
    }
    if (kept.size() == 1) {
      return element(schema.deepCopy().put("type", kept.get(0)), pointer, depth);
    }
    var elements = new ArrayList<JsonSchemaElement>();
    for (String type : kept) {
      elements.add(element(schema.deepCopy().put("type", type), pointer, depth + 1));
    }
    return JsonAnyOfSchema.builder().anyOf(elements).build();
  }

  private static String impliedType(ObjectNode schema, List<JsonNode> values, String pointer) {
    if (schema.has("properties")) {
      return "object";
    }
    if (schema.has("items")) {
      return "array";
    }
    if (!values.isEmpty() && values.stream().allMatch(JsonNode::isIntegralNumber)) {
      return "integer";
    }
    if (!values.isEmpty() && values.stream().allMatch(JsonNode::isNumber)) {
      return "number";
    }
    if (!values.isEmpty() && values.stream().allMatch(JsonNode::isBoolean)) {
      return "boolean";
    }
    throw new UnsupportedSchema(
        pointer,
        "has no 'type' (it accepts any value); expected one of object, array, string, number,"
            + " integer or boolean");
  }

  private static List<JsonNode> enumValues(ObjectNode schema) {
    var values = new ArrayList<JsonNode>();
    if (schema.has("const")) {
      values.add(schema.get("const"));
    } else if (schema.get("enum") instanceof ArrayNode array) {
      array.forEach(values::add);
    }
    return values;
  }

  private static JsonNode withDescription(JsonNode branch, ObjectNode parent) {
    if (!branch.isObject() || branch.has("description") || !parent.has("description")) {
      return branch;
    }
    return ((ObjectNode) branch.deepCopy()).set("description", parent.get("description"));
  }

  /** The description, with the bounds and formats typed elements cannot carry when noted. */
  private static String description(ObjectNode schema, boolean noteConstraints) {
    String text = schema.path("description").asText("").strip();
    if (!noteConstraints) {
      return text.isEmpty() ? null : text;
    }
    var notes = new ArrayList<String>();
    for (String keyword : NOTED) {
      JsonNode value = schema.get(keyword);
      if (value != null) {
        notes.add(keyword + " " + (value.isTextual() ? value.asText() : value.toString()));
      }
    }
    List<JsonNode> values = enumValues(schema);
    if (!values.isEmpty() && !values.stream().allMatch(JsonNode::isTextual)) {
      notes.add("one of " + String.join(", ", values.stream().map(JsonNode::toString).toList()));
    }
    String noted = notes.isEmpty() ? "" : "(" + String.join(", ", notes) + ")";
    String joined = (text + " " + noted).strip();
    return joined.isEmpty() ? null : joined;
  }

  private static String kind(JsonNode node) {
    return node == null || node.isMissingNode()
        ? "nothing"
        : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** Copies a schema with its local {@code $ref}s replaced by what they point to. */
  private static final class Inliner {
    private final JsonNode root;
    private final List<String> expanding = new ArrayList<>();
    private int nodes;

    Inliner(JsonNode root) {
      this.root = root;
    }

    JsonNode inline(JsonNode node, String pointer, int depth) {
      if (depth > MAX_DEPTH) {
        throw new UnsupportedSchema(pointer, "nests deeper than " + MAX_DEPTH + " levels");
      }
      if (++nodes > MAX_NODES) {
        throw new UnsupportedSchema(pointer, "expands to more than " + MAX_NODES + " nodes");
      }
      if (node.isArray()) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < node.size(); i++) {
          out.add(inline(node.get(i), pointer + "/" + i, depth + 1));
        }
        return out;
      }
      if (!node.isObject()) {
        return node;
      }
      ObjectNode out = JSON.createObjectNode();
      JsonNode ref = node.get("$ref");
      boolean isRef = ref != null && ref.isTextual();
      if (isRef) {
        out.setAll(resolve(ref.asText(), pointer + "/$ref", depth));
      }
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String key = entry.getKey();
        if ((isRef && key.equals("$ref")) || (depth == 0 && ROOT_ONLY.contains(key))) {
          continue;
        }
        out.set(key, inline(entry.getValue(), pointer + "/" + escape(key), depth + 1));
      }
      return out;
    }

    private ObjectNode resolve(String target, String pointer, int depth) {
      if (!target.startsWith("#")) {
        throw new UnsupportedSchema(
            pointer,
            "only local references such as '#/$defs/Name' are supported, got '" + target + "'");
      }
      if (expanding.contains(target)) {
        throw new UnsupportedSchema(
            pointer, "recursive reference '" + target + "' cannot be inlined");
      }
      JsonNode resolved;
      try {
        resolved = root.at(target.substring(1));
      } catch (IllegalArgumentException e) {
        resolved = null;
      }
      if (resolved == null || !resolved.isObject()) {
        throw new UnsupportedSchema(
            pointer, "reference '" + target + "' does not resolve to a schema");
      }
      expanding.add(target);
      JsonNode expanded = inline(resolved, pointer, depth + 1);
      expanding.remove(expanding.size() - 1);
      return (ObjectNode) expanded;
    }
  }
}
