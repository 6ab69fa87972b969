package dev.colony.runtime.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colony.core.tool.Param;
import dev.colony.core.tool.ToolContext;
import dev.colony.runtime.internal.Json;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Generates JSON Schema (2020-12) from Java signatures: the input schema of a tool method and the
 * schema of its result.
 *
 * <p>Supported: strings, booleans, integral and decimal numbers (with {@link Param} bounds), enums
 * (as string enums), records (as closed objects), lists, sets and arrays, {@code Map<String, T>},
 * and {@code Optional<T>} (not required). Anything else is refused when the tool is bound, with the
 * method and type named.
 */
public final class JsonSchemas {
  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private JsonSchemas() {}

  /** The schema of the arguments object of a tool method. */
  public static ObjectNode forParameters(Method method) {
    var schema = Json.MAPPER.createObjectNode();
    schema.put("$schema", DIALECT);
    schema.put("type", "object");
    var properties = schema.putObject("properties");
    var required = Json.MAPPER.createArrayNode();
    for (var parameter : method.getParameters()) {
      if (parameter.getType() == ToolContext.class) {
        continue;
      }
      var param = parameter.getAnnotation(Param.class);
      var name = MethodTool.parameterName(parameter);
      var type = parameter.getParameterizedType();
      var where =
          method.getDeclaringClass().getSimpleName() + "." + method.getName() + "(" + name + ")";
      properties.set(name, property(type, param, where, new HashSet<>()));
      if (!isOptional(type)) {
        required.add(name);
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("additionalProperties", false);
    return schema;
  }

  /**
   * The schema of a tool method's structured result, always an object: records and maps are
   * described as they are, other values as {@code {"result": value}}.
   */
  public static ObjectNode forResult(Method method) {
    var type = method.getGenericReturnType();
    var where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + " result";
    if (type == void.class || type == Void.class) {
      var schema = object();
      schema.putObject("properties").putObject("ok").put("type", "boolean");
      return schema;
    }
    var described = schemaOf(type, where, new HashSet<>());
    if ("object".equals(described.path("type").asText())) {
      return described;
    }
    var wrapped = object();
    wrapped.putObject("properties").set("result", described);
    wrapped.putArray("required").add("result");
    return wrapped;
  }

  static boolean isOptional(Type type) {
    return raw(type) == Optional.class;
  }

  private static ObjectNode property(Type type, Param param, String where, Set<Type> seen) {
    var schema = schemaOf(isOptional(type) ? typeArgument(type, 0, where) : type, where, seen);
    if (param != null) {
      applyParam(schema, param);
    }
    return schema;
  }

  private static ObjectNode schemaOf(Type type, String where, Set<Type> seen) {
    var raw = raw(type);
    var schema = Json.MAPPER.createObjectNode();
    if (raw == String.class || raw == Character.class || raw == char.class) {
      schema.put("type", "string");
    } else if (raw == boolean.class || raw == Boolean.class) {
      schema.put("type", "boolean");
    } else if (isIntegral(raw)) {
      schema.put("type", "integer");
    } else if (raw == double.class
        || raw == Double.class
        || raw == float.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      schema.put("type", "number");
    } else if (raw.isEnum()) {
      schema.put("type", "string");
      ArrayNode values = schema.putArray("enum");
      for (var constant : raw.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
    } else if (Collection.class.isAssignableFrom(raw)) {
      schema.put("type", "array");
      schema.set("items", schemaOf(typeArgument(type, 0, where), where, seen));
      if (Set.class.isAssignableFrom(raw)) {
        schema.put("uniqueItems", true);
      }
    } else if (raw.isArray() || type instanceof GenericArrayType) {
      schema.put("type", "array");
      var component =
          type instanceof GenericArrayType g ? g.getGenericComponentType() : raw.getComponentType();
      schema.set("items", schemaOf(component, where, seen));
    } else if (Map.class.isAssignableFrom(raw)) {
      if (typeArgument(type, 0, where) != String.class) {
        throw unsupported(where, type, "map keys must be strings");
      }
      schema.put("type", "object");
      schema.set("additionalProperties", schemaOf(typeArgument(type, 1, where), where, seen));
    } else if (raw.isRecord()) {
      if (!seen.add(raw)) {
        throw unsupported(where, type, "recursive records cannot be described");
      }
      schema.put("type", "object");
      var properties = schema.putObject("properties");
      var required = Json.MAPPER.createArrayNode();
      for (RecordComponent component : raw.getRecordComponents()) {
        var param = component.getAnnotation(Param.class);
        var name = param != null && !param.name().isEmpty() ? param.name() : component.getName();
        var componentType = component.getGenericType();
        properties.set(name, property(componentType, param, where + "." + name, seen));
        if (!isOptional(componentType)) {
          required.add(name);
        }
      }
      if (!required.isEmpty()) {
        schema.set("required", required);
      }
      schema.put("additionalProperties", false);
      seen.remove(raw);
    } else if (raw == JsonNode.class || raw == ObjectNode.class || raw == Object.class) {
      // Any JSON value: an empty schema.
    } else {
      throw unsupported(where, type, "use a record, enum, list, map, string, number or boolean");
    }
    return schema;
  }

  private static void applyParam(ObjectNode schema, Param param) {
    if (!param.description().isEmpty()) {
      schema.put("description", param.description());
    }
    if (param.minimum() != Double.NEGATIVE_INFINITY) {
      putNumber(schema, "minimum", param.minimum());
    }
    if (param.maximum() != Double.POSITIVE_INFINITY) {
      putNumber(schema, "maximum", param.maximum());
    }
    if (param.minLength() >= 0) {
      schema.put("minLength", param.minLength());
    }
    if (param.maxLength() >= 0) {
      schema.put("maxLength", param.maxLength());
    }
    if (!param.pattern().isEmpty()) {
      schema.put("pattern", param.pattern());
    }
    if (param.minItems() >= 0) {
      schema.put("minItems", param.minItems());
    }
    if (param.maxItems() >= 0) {
      schema.put("maxItems", param.maxItems());
    }
  }

  private static void putNumber(ObjectNode schema, String field, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      schema.put(field, (long) value);
    } else {
      schema.put(field, value);
    }
  }

  private static ObjectNode object() {
    var schema = Json.MAPPER.createObjectNode();
    schema.put("type", "object");
    return schema;
  }

  private static boolean isIntegral(Class<?> raw) {
    return raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == short.class
        || raw == Short.class
        || raw == byte.class
        || raw == Byte.class
        || raw == BigInteger.class;
  }

  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof GenericArrayType g) {
      return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
    }
    return Object.class;
  }

  private static Type typeArgument(Type type, int index, String where) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    throw unsupported(where, type, "generic types need their type arguments");
  }

  private static IllegalArgumentException unsupported(String where, Type type, String hint) {
    return new IllegalArgumentException(
        "tool " + where + ": type " + type.getTypeName() + " is not supported: " + hint);
  }
}
