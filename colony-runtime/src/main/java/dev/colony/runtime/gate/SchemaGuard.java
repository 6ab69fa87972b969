package dev.colony.runtime.gate;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.colony.core.InvalidInput;
import dev.colony.core.gate.GateInterceptor;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.gate.GateRequest;
import dev.colony.runtime.internal.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates a call's arguments against the tool's input schema before anything else looks at them.
 *
 * <p>Malformed JSON, a non-object, and schema violations are rejected with the location and the
 * rule broken. Compiled schemas are cached by schema text; thread-safe.
 */
public final class SchemaGuard implements GateInterceptor {
  private static final int MAX_ARGUMENT_CHARS = 256 * 1024;
  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

  @Override
  public GateOutcome intercept(GateRequest request, Chain next) {
    var call = request.call();
    if (call.arguments().length() > MAX_ARGUMENT_CHARS) {
      return Rejections.reject(
          "schema",
          "arguments of '"
              + call.name()
              + "' are "
              + call.arguments().length()
              + " characters, more than the limit of "
              + MAX_ARGUMENT_CHARS);
    }
    com.fasterxml.jackson.databind.JsonNode args;
    try {
      args = Json.parse("arguments", call.arguments());
    } catch (InvalidInput e) {
      return Rejections.reject(
          "schema",
          "arguments of '" + call.name() + "' " + e.getMessage().substring("arguments: ".length()));
    }
    if (!args.isObject()) {
      return Rejections.reject(
          "schema",
          "arguments of '" + call.name() + "' must be a JSON object, got " + args.getNodeType());
    }
    var schema = schemas.computeIfAbsent(request.spec().inputSchema(), registry::getSchema);
    var errors = schema.validate(args);
    if (!errors.isEmpty()) {
      var detail =
          errors.stream()
              .map(
                  e ->
                      "arguments"
                          + pointer(e.getInstanceLocation().toString())
                          + ": "
                          + e.getMessage())
              .distinct()
              .collect(Collectors.joining("; "));
      return Rejections.reject(
          "schema", "arguments of '" + call.name() + "' do not match its schema: " + detail);
    }
    return next.proceed(request);
  }

  /** {@code /items/0/sku} (or {@code $.items[0].sku}) as {@code .items[0].sku}. */
  private static String pointer(String location) {
    if (location.startsWith("$")) {
      return location.substring(1);
    }
    var out = new StringBuilder();
    for (var segment : location.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      var name = segment.replace("~1", "/").replace("~0", "~");
      out.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
    }
    return out.toString();
  }
}
