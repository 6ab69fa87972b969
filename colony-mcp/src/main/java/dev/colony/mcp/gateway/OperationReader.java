package dev.colony.mcp.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colony.core.InvalidInput;
import dev.colony.core.tool.ToolSpec;
import dev.colony.mcp.gateway.HttpOperation.Body;
import dev.colony.mcp.gateway.HttpOperation.Location;
import dev.colony.mcp.gateway.HttpOperation.Param;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a parsed OpenAPI document into one tool spec and call plan per operation.
 *
 * <p>Every problem is an {@link InvalidInput} whose field is the document location ({@code
 * paths./orders.get.x-colony-tier}); nothing is returned until every operation has been read.
 */
final class OperationReader {
  private static final Logger log = LoggerFactory.getLogger(OperationReader.class);
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

  /** OpenAPI 3.1 §4.8.12.1: header parameters with these names "SHALL be ignored". */
  private static final Set<String> IGNORED_HEADERS =
      Set.of("accept", "content-type", "authorization");

  /** A tool to make: what it says about itself, and how it calls the API. */
  record Planned(ToolSpec spec, HttpOperation http) {}

  private final OpenAPI api;
  private final SchemaInliner schemas;
  private final String prefix;
  private final Set<String> staticHeaders;
  private final List<String> skipped = new ArrayList<>();

  /**
   * @param prefix prepended to every tool name
   * @param staticHeaders lower-case names of headers the gateway sets itself; parameters with these
   *     names are left out of the input schema
   */
  OperationReader(OpenAPI api, String prefix, Set<String> staticHeaders) {
    this.api = api;
    this.schemas = new SchemaInliner(api);
    this.prefix = prefix;
    this.staticHeaders = staticHeaders;
  }

  /** Operations left out, each with the reason, filled by {@link #read()}. */
  List<String> skipped() {
    return List.copyOf(skipped);
  }

  List<Planned> read() {
    var planned = new ArrayList<Planned>();
    var labels = new HashMap<String, String>();
    if (api.getPaths() == null) {
      return planned;
    }
    for (var path : api.getPaths().entrySet()) {
      var item = path.getValue();
      if (item.get$ref() != null) {
        throw new InvalidInput(
            "paths." + path.getKey(), "path item $ref '" + item.get$ref() + "' is not supported");
      }
      for (var entry : item.readOperationsMap().entrySet()) {
        var method = entry.getKey().name();
        var where = "paths." + path.getKey() + "." + method.toLowerCase(Locale.ROOT);
        var label = method + " " + path.getKey();
        var plan = operation(where, label, method, path.getKey(), item, entry.getValue());
        if (plan == null) {
          continue;
        }
        var name = plan.spec().name();
        var other = labels.putIfAbsent(name, label);
        if (other != null) {
          throw new InvalidInput(
              where + ".operationId",
              "tool name '"
                  + name
                  + "' is produced by both "
                  + other
                  + " and "
                  + label
                  + "; operationIds must be unique (OpenAPI: \"The id MUST be unique among all"
                  + " operations described in the API\")");
        }
        planned.add(plan);
      }
    }
    return planned;
  }

  private Planned operation(
      String where, String label, String method, String path, PathItem item, Operation op) {
    var body = requestBody(where, op.getRequestBody());
    var media = body == null ? null : bodyMedia(body.getContent());
    if (body != null && media == null) {
      var types = body.getContent() == null ? "without content" : body.getContent().keySet();
      var reason = label + ": request body " + types + " is neither JSON nor form-urlencoded";
      log.warn("OpenAPI operation skipped, {}", reason);
      skipped.add(reason);
      return null;
    }
    var properties = Json.object();
    var required = new ArrayList<String>();
    var taken = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
    Body bodyPlan = null;
    if (body != null) {
      var form = media.getKey().toLowerCase(Locale.ROOT).startsWith("application/x-www-form");
      bodyPlan = new Body("body", media.getKey(), Boolean.TRUE.equals(body.getRequired()), form);
      var schema = schemas.inline(media.getValue().getSchema(), where + ".requestBody");
      describe(schema, body.getDescription(), null);
      properties.set("body", schema);
      taken.add("body");
      if (bodyPlan.required()) {
        required.add("body");
      }
    }
    var params = new ArrayList<Param>();
    var declared = parameters(where, item, op);
    for (var location : Location.values()) {
      for (var p : declared) {
        if (location(p, where) != location || ignored(p, location)) {
          continue;
        }
        var paramWhere = where + ".parameters." + p.getName();
        var property =
            taken.contains(p.getName()) ? location.word() + "_" + p.getName() : p.getName();
        if (!taken.add(property)) {
          throw new InvalidInput(
              paramWhere, "parameter names clash: '" + property + "' is already an argument");
        }
        var param = param(p, location, property);
        var schema = schemas.inline(paramSchema(p), paramWhere);
        var note =
            property.equals(p.getName())
                ? null
                : location.word() + " parameter '" + p.getName() + "'";
        describe(schema, p.getDescription(), note);
        if (Boolean.TRUE.equals(p.getDeprecated())) {
          schema.put("deprecated", true);
        }
        properties.set(property, schema);
        if (param.required()) {
          required.add(property);
        }
        params.add(param);
      }
    }
    checkPathTemplate(where, path, params);
    var input = Json.object().put("type", "object");
    input.set("properties", properties);
    if (!required.isEmpty()) {
      var list = input.putArray("required");
      required.forEach(list::add);
    }
    input.put("additionalProperties", false);
    var output = outputSchema(where, op);
    var spec =
        new ToolSpec(
            ToolFacts.name(prefix, op, method, path),
            ToolFacts.description(op, label),
            Json.write(input),
            output == null ? null : Json.write(output),
            ToolFacts.tier(where, op, method));
    return new Planned(spec, new HttpOperation(label, method, path, params, bodyPlan));
  }

  private List<Parameter> parameters(String where, PathItem item, Operation op) {
    var merged = new LinkedHashMap<String, Parameter>();
    for (var list : Arrays.asList(item.getParameters(), op.getParameters())) {
      if (list == null) {
        continue;
      }
      for (var p : list) {
        var resolved =
            resolve(
                p,
                Parameter::get$ref,
                "parameters",
                components(Components::getParameters),
                where + ".parameters");
        if (resolved.getName() == null || resolved.getIn() == null) {
          throw new InvalidInput(where + ".parameters", "a parameter lacks 'name' or 'in'");
        }
        merged.put(resolved.getIn() + ":" + resolved.getName(), resolved);
      }
    }
    return List.copyOf(merged.values());
  }

  private Location location(Parameter p, String where) {
    try {
      return Location.valueOf(p.getIn().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(
          where + ".parameters." + p.getName() + ".in",
          "must be path, query, header or cookie, got '" + p.getIn() + "'");
    }
  }

  private boolean ignored(Parameter p, Location location) {
    if (location != Location.HEADER) {
      return false;
    }
    var name = p.getName().toLowerCase(Locale.ROOT);
    return IGNORED_HEADERS.contains(name) || staticHeaders.contains(name);
  }

  private static Param param(Parameter p, Location in, String property) {
    var style =
        p.getStyle() != null
            ? p.getStyle().toString()
            : in == Location.QUERY || in == Location.COOKIE ? "form" : "simple";
    var explode = p.getExplode() != null ? p.getExplode() : style.equals("form");
    var required = in == Location.PATH || Boolean.TRUE.equals(p.getRequired());
    return new Param(
        p.getName(),
        in,
        property,
        required,
        style,
        explode,
        p.getSchema() == null && p.getContent() != null);
  }

  private static Schema<?> paramSchema(Parameter p) {
    if (p.getSchema() != null) {
      return p.getSchema();
    }
    if (p.getContent() != null && !p.getContent().isEmpty()) {
      return p.getContent().values().iterator().next().getSchema();
    }
    return new StringSchema();
  }

  private static void checkPathTemplate(String where, String path, List<Param> params) {
    var declared =
        params.stream()
            .filter(p -> p.in() == Location.PATH)
            .map(Param::name)
            .collect(Collectors.toSet());
    var matcher = PLACEHOLDER.matcher(path);
    while (matcher.find()) {
      if (!declared.remove(matcher.group(1))) {
        throw new InvalidInput(
            where + ".parameters",
            "path template names {" + matcher.group(1) + "} but no path parameter declares it");
      }
    }
    if (!declared.isEmpty()) {
      throw new InvalidInput(
          where + ".parameters", "path parameters " + declared + " are not in the path template");
    }
  }

  private RequestBody requestBody(String where, RequestBody body) {
    return body == null
        ? null
        : resolve(
            body,
            RequestBody::get$ref,
            "requestBodies",
            components(Components::getRequestBodies),
            where);
  }

  /** The JSON media type if there is one, else the form-urlencoded one, else {@code null}. */
  private static Map.Entry<String, MediaType> bodyMedia(Content content) {
    if (content == null) {
      return null;
    }
    Map.Entry<String, MediaType> form = null;
    for (var entry : content.entrySet()) {
      var type = entry.getKey().toLowerCase(Locale.ROOT);
      if (json(type)) {
        return entry;
      }
      if (form == null && type.startsWith("application/x-www-form-urlencoded")) {
        form = entry;
      }
    }
    return form;
  }

  static boolean json(String mediaType) {
    var type = mediaType.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
    return type.equals("application/json") || type.endsWith("+json");
  }

  /** The 200 (else 201) JSON response schema, if it describes an object. */
  private ObjectNode outputSchema(String where, Operation op) {
    if (op.getResponses() == null) {
      return null;
    }
    for (var status : List.of("200", "201")) {
      var response = op.getResponses().get(status);
      if (response == null) {
        continue;
      }
      var resolved =
          resolve(
              response,
              ApiResponse::get$ref,
              "responses",
              components(Components::getResponses),
              where);
      var media = bodyMedia(resolved.getContent());
      if (media == null || !json(media.getKey())) {
        return null;
      }
      var schema = schemas.inline(media.getValue().getSchema(), where + ".responses." + status);
      var type = schema.path("type");
      var object =
          type.asText().equals("object")
              || (type.isArray() && type.size() == 1 && type.get(0).asText().equals("object"));
      return object ? schema : null;
    }
    return null;
  }

  private static void describe(ObjectNode schema, String description, String note) {
    var text = description == null || description.isBlank() ? null : description.strip();
    if (note != null) {
      text = text == null ? "The " + note + "." : "The " + note + ": " + text;
    }
    if (text != null) {
      schema.put("description", text);
    }
  }

  /** One map of {@code components}, empty if the document has none. */
  private <T> Map<String, T> components(Function<Components, Map<String, T>> kind) {
    var named = api.getComponents() == null ? null : kind.apply(api.getComponents());
    return named == null ? Map.of() : named;
  }

  /** Follows {@code #/components/KIND/NAME} references to the object they name. */
  private static <T> T resolve(
      T value, Function<T, String> ref, String kind, Map<String, T> named, String where) {
    var current = value;
    for (int hops = 0; ref.apply(current) != null; hops++) {
      var target = ref.apply(current);
      var local = "#/components/" + kind + "/";
      if (!target.startsWith(local)) {
        throw new InvalidInput(
            where, "$ref '" + target + "' is not supported: only " + local + "NAME");
      }
      current = named.get(target.substring(local.length()));
      if (current == null) {
        throw new InvalidInput(where, "$ref '" + target + "' names nothing in components." + kind);
      }
      if (hops > 16) {
        throw new InvalidInput(where, "$ref '" + target + "' is part of a reference loop");
      }
    }
    return current;
  }
}
