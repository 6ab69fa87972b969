package dev.colony.governance;

import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.CedarMap;
import com.cedarpolicy.value.Decimal;
import com.cedarpolicy.value.PrimBool;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.InvalidInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cedar type of a tool's arguments, derived from the tool's JSON Schema, and the conversion of
 * argument values to Cedar values.
 *
 * <p>JSON Schema {@code string} maps to String, {@code boolean} to Bool, {@code integer} to Long,
 * {@code number} to {@code decimal} (Cedar has no floating point; a value with more than four
 * decimal places is refused rather than rounded), {@code array} to a Set of its item type, and
 * {@code object} with {@code properties} to a record. A property the schema does not require, or
 * that may be {@code null}, is optional. Anything else has no Cedar type and is left out.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface InputType {
  /** Deeper schemas are cut off here; what lies below is left out of the Cedar type. */
  int MAX_DEPTH = 16;

  /** The type in Cedar's schema syntax. */
  String cedar();

  /**
   * Converts a JSON value of this type.
   *
   * @param path where the value sits, for messages, for example {@code arguments.max_cost}
   * @throws InvalidInput naming the path and the value when it does not fit this type
   */
  Value convert(JsonNode node, String path);

  /** Scalar types. */
  enum Scalar implements InputType {
    STRING("String"),
    BOOL("Bool"),
    LONG("Long"),
    DECIMAL("decimal");

    private static final BigDecimal DECIMAL_MAX = new BigDecimal("922337203685477.5807");
    private static final BigDecimal DECIMAL_MIN = new BigDecimal("-922337203685477.5808");
    private final String cedar;

    Scalar(String cedar) {
      this.cedar = cedar;
    }

    @Override
    public String cedar() {
      return cedar;
    }

    @Override
    public Value convert(JsonNode node, String path) {
      return switch (this) {
        case STRING -> {
          if (!node.isTextual()) {
            throw mismatch(path, "a string", node);
          }
          yield new PrimString(node.textValue());
        }
        case BOOL -> {
          if (!node.isBoolean()) {
            throw mismatch(path, "a boolean", node);
          }
          yield new PrimBool(node.booleanValue());
        }
        case LONG -> new PrimLong(whole(node, path));
        case DECIMAL -> new Decimal(decimal(node, path));
      };
    }

    private static long whole(JsonNode node, String path) {
      if (!node.isNumber()) {
        throw mismatch(path, "a whole number", node);
      }
      var value = node.decimalValue();
      if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
        throw new InvalidInput(path, "must be a whole number for Cedar's Long, got " + shown(node));
      }
      try {
        return value.toBigInteger().longValueExact();
      } catch (ArithmeticException e) {
        throw new InvalidInput(path, "is outside the range of Cedar's Long: " + shown(node));
      }
    }

    private static String decimal(JsonNode node, String path) {
      if (!node.isNumber()) {
        throw mismatch(path, "a number", node);
      }
      var value = node.decimalValue().stripTrailingZeros();
      if (value.scale() > 4) {
        throw new InvalidInput(
            path,
            "has more than 4 decimal places, which Cedar's decimal cannot hold: " + shown(node));
      }
      if (value.compareTo(DECIMAL_MAX) > 0 || value.compareTo(DECIMAL_MIN) < 0) {
        throw new InvalidInput(path, "is outside the range of Cedar's decimal: " + shown(node));
      }
      return value.setScale(Math.max(1, value.scale())).toPlainString();
    }
  }

  /** A set; JSON arrays lose their order and duplicates. */
  record SetOf(InputType element) implements InputType {
    @Override
    public String cedar() {
      return "Set<" + element.cedar() + ">";
    }

    @Override
    public Value convert(JsonNode node, String path) {
      if (!node.isArray()) {
        throw mismatch(path, "an array", node);
      }
      var values = new ArrayList<Value>(node.size());
      for (int i = 0; i < node.size(); i++) {
        var item = node.get(i);
        if (item.isNull()) {
          throw new InvalidInput(path + "[" + i + "]", "must not be null");
        }
        values.add(element.convert(item, path + "[" + i + "]"));
      }
      return new CedarList(values);
    }
  }

  /**
   * A record of named attributes.
   *
   * @param fields the attributes in schema order
   */
  record RecordType(Map<String, Field> fields) implements InputType {
    /** An empty record: a tool whose arguments have no Cedar type. */
    static final RecordType EMPTY = new RecordType(Map.of());

    public RecordType {
      fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public String cedar() {
      var out = new StringBuilder("{");
      var first = true;
      for (var entry : fields.entrySet()) {
        out.append(first ? " " : ", ").append(CedarText.quote(entry.getKey()));
        out.append(entry.getValue().required() ? ": " : "?: ");
        out.append(entry.getValue().type().cedar());
        first = false;
      }
      return out.append(first ? "}" : " }").toString();
    }

    @Override
    public CedarMap convert(JsonNode node, String path) {
      if (!node.isObject()) {
        throw mismatch(path, "an object", node);
      }
      var map = new CedarMap();
      for (var entry : fields.entrySet()) {
        var name = entry.getKey();
        var value = node.get(name);
        if (value == null || value.isNull()) {
          if (entry.getValue().required()) {
            throw new InvalidInput(path + "." + name, "is required but missing");
          }
          continue;
        }
        map.put(name, entry.getValue().type().convert(value, path + "." + name));
      }
      return map;
    }
  }

  /** One attribute of a record. */
  record Field(InputType type, boolean required) {}

  /**
   * The Cedar type of a tool's arguments, from its input schema.
   *
   * @param omitted collects the paths of properties left out for want of a Cedar type
   */
  static RecordType ofArguments(JsonNode schema, List<String> omitted) {
    return of(schema, "input", 0, omitted)
        .filter(RecordType.class::isInstance)
        .map(RecordType.class::cast)
        .orElse(RecordType.EMPTY);
  }

  private static Optional<InputType> of(
      JsonNode schema, String path, int depth, List<String> omitted) {
    if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
      omitted.add(path);
      return Optional.empty();
    }
    var type = typeName(schema);
    if (type.isEmpty()) {
      omitted.add(path);
      return Optional.empty();
    }
    return switch (type.get()) {
      case "string" -> Optional.of(Scalar.STRING);
      case "boolean" -> Optional.of(Scalar.BOOL);
      case "integer" -> Optional.of(Scalar.LONG);
      case "number" -> Optional.of(Scalar.DECIMAL);
      case "array" -> of(schema.get("items"), path + "[]", depth + 1, omitted).map(SetOf::new);
      case "object" -> record(schema, path, depth, omitted);
      default -> {
        omitted.add(path);
        yield Optional.empty();
      }
    };
  }

  private static Optional<InputType> record(
      JsonNode schema, String path, int depth, List<String> omitted) {
    var properties = schema.get("properties");
    if (properties == null || !properties.isObject()) {
      if (depth > 0) {
        omitted.add(path);
        return Optional.empty();
      }
      return Optional.of(RecordType.EMPTY);
    }
    var required = new java.util.HashSet<String>();
    schema.path("required").forEach(n -> required.add(n.asText()));
    var fields = new LinkedHashMap<String, Field>();
    for (var entry : properties.properties()) {
      var name = entry.getKey();
      var property = entry.getValue();
      of(property, path + "." + name, depth + 1, omitted)
          .ifPresent(
              t -> fields.put(name, new Field(t, required.contains(name) && !nullable(property))));
    }
    return Optional.of(new RecordType(fields));
  }

  /** The one non-null type a schema names, if it names exactly one. */
  private static Optional<String> typeName(JsonNode schema) {
    var type = schema.get("type");
    if (type == null) {
      var values = schema.get("enum");
      if (values != null && values.isArray() && !values.isEmpty()) {
        for (var v : values) {
          if (!v.isTextual()) {
            return Optional.empty();
          }
        }
        return Optional.of("string");
      }
      return schema.has("properties") ? Optional.of("object") : Optional.empty();
    }
    if (type.isTextual()) {
      return Optional.of(type.textValue());
    }
    String only = null;
    for (var t : type) {
      if (t.asText().equals("null")) {
        continue;
      }
      if (only != null) {
        return Optional.empty();
      }
      only = t.asText();
    }
    return Optional.ofNullable(only);
  }

  private static boolean nullable(JsonNode schema) {
    var type = schema.get("type");
    if (type != null && type.isArray()) {
      for (var t : type) {
        if (t.asText().equals("null")) {
          return true;
        }
      }
    }
    return false;
  }

  private static InvalidInput mismatch(String path, String expected, JsonNode node) {
    return new InvalidInput(path, "must be " + expected + ", got " + shown(node));
  }

  /** A value as messages show it: numbers and booleans in full, other values by kind only. */
  private static String shown(JsonNode node) {
    if (node.isNumber() || node.isBoolean()) {
      var text = node.asText();
      return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
