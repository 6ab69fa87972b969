package dev.colony.runtime.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colony.core.ColonyException;
import dev.colony.core.tool.Param;
import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import dev.colony.runtime.internal.Json;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;

/**
 * A {@link ToolHandler} that calls an annotated method. Thread-safe if the target object is.
 *
 * <p>Arguments reach it validated against the generated schema; each parameter is converted from
 * its JSON property with Jackson. A parameter of type {@link ToolContext} receives the call's
 * context and is not part of the schema.
 */
final class MethodTool implements ToolHandler {
  private final Object target;
  private final Method method;
  private final ToolSpec spec;

  MethodTool(Object target, Method method, Tool annotation) {
    this.target = target;
    this.method = method;
    method.setAccessible(true);
    this.spec =
        new ToolSpec(
            annotation.name(),
            annotation.description(),
            Json.write(JsonSchemas.forParameters(method)),
            Json.write(JsonSchemas.forResult(method)),
            annotation.tier());
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolOutcome invoke(ToolContext context, String arguments) {
    var args = Json.parse("arguments", arguments);
    var parameters = method.getParameters();
    var values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      values[i] = bind(parameters[i], args, context);
    }
    Object returned;
    try {
      returned = method.invoke(target, values);
    } catch (InvocationTargetException e) {
      var cause = e.getCause();
      if (cause instanceof ToolFailure failure) {
        return new ToolOutcome.Done(ToolResult.failure(context.call(), failure.getMessage()));
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ColonyException("tool '" + spec.name() + "' failed: " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("tool method is not accessible: " + method, e);
    }
    if (returned instanceof ToolOutcome outcome) {
      return outcome;
    }
    return new ToolOutcome.Done(
        ToolResult.success(context.call(), Json.write(structured(returned))));
  }

  private Object bind(Parameter parameter, JsonNode args, ToolContext context) {
    if (parameter.getType() == ToolContext.class) {
      return context;
    }
    var node = args.get(parameterName(parameter));
    var type = parameter.getParameterizedType();
    if (JsonSchemas.isOptional(type)) {
      var inner = ((java.lang.reflect.ParameterizedType) type).getActualTypeArguments()[0];
      return node == null || node.isNull()
          ? Optional.empty()
          : Optional.of(convert(node, inner, parameter));
    }
    return convert(node, type, parameter);
  }

  private Object convert(JsonNode node, java.lang.reflect.Type type, Parameter parameter) {
    try {
      return Json.MAPPER.convertValue(node, Json.MAPPER.constructType(type));
    } catch (IllegalArgumentException e) {
      throw new ToolFailure(
          "argument '" + parameterName(parameter) + "' cannot be read as " + type.getTypeName());
    }
  }

  private static JsonNode structured(Object value) {
    if (value == null) {
      ObjectNode ok = Json.MAPPER.createObjectNode();
      ok.put("ok", true);
      return ok;
    }
    JsonNode tree = Json.MAPPER.valueToTree(value);
    if (tree.isObject()) {
      return tree;
    }
    ObjectNode wrapped = Json.MAPPER.createObjectNode();
    wrapped.set("result", tree);
    return wrapped;
  }

  static String parameterName(Parameter parameter) {
    var param = parameter.getAnnotation(Param.class);
    if (param != null && !param.name().isEmpty()) {
      return param.name();
    }
    if (!parameter.isNamePresent()) {
      throw new IllegalArgumentException(
          "parameter "
              + parameter
              + " has no name: annotate it with @Param(name = ...) or compile with -parameters");
    }
    return parameter.getName();
  }
}
