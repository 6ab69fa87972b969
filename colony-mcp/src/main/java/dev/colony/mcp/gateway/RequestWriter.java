package dev.colony.mcp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colony.core.InvalidInput;
import dev.colony.core.tool.ToolFailure;
import dev.colony.mcp.gateway.HttpOperation.Param;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds the HTTP request for one call from its arguments.
 *
 * <p>Path values are percent-encoded as whole segments (a {@code /} in a value becomes {@code
 * %2F}), and {@code .}, {@code ..} and empty values are refused, so that arguments cannot move the
 * request to another path. Query values are percent-encoded; arrays follow the parameter's style
 * (repeated keys when exploded, the default). Arguments that cannot be sent fail with an {@link
 * InvalidInput} whose field is {@code arguments.PROPERTY}.
 */
final class RequestWriter {
  static final String ACCEPT = "application/json, */*;q=0.5";
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");
  private static final String HEX = "0123456789ABCDEF";

  private RequestWriter() {}

  static HttpRequest write(
      HttpOperation op, Upstream upstream, JsonNode args, String idempotencyKey) {
    var pathValues = new HashMap<String, String>();
    var query = new ArrayList<String>();
    var headers = new ArrayList<Map.Entry<Param, String>>();
    var cookies = new ArrayList<String>();
    for (var param : op.params()) {
      var value = args.get(param.property());
      if (value == null || value.isNull()) {
        if (param.required()) {
          throw new InvalidInput(
              "arguments." + param.property(),
              "missing; the "
                  + param.in().word()
                  + " parameter '"
                  + param.name()
                  + "' is required");
        }
        continue;
      }
      switch (param.in()) {
        case PATH -> pathValues.put(param.name(), pathValue(param, value));
        case QUERY -> query(param, value, query);
        case HEADER -> headers.add(Map.entry(param, joined(param, value, ",")));
        case COOKIE -> cookies.add(param.name() + "=" + joined(param, value, ","));
      }
    }
    var uri = new StringBuilder(upstream.baseUrl().toString());
    var matcher = PLACEHOLDER.matcher(op.pathTemplate());
    int last = 0;
    while (matcher.find()) {
      uri.append(op.pathTemplate(), last, matcher.start()).append(pathValues.get(matcher.group(1)));
      last = matcher.end();
    }
    uri.append(op.pathTemplate(), last, op.pathTemplate().length());
    if (!query.isEmpty()) {
      uri.append('?').append(String.join("&", query));
    }
    var request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(upstream.timeout());
    request.setHeader("Accept", ACCEPT);
    for (var header : headers) {
      var param = header.getKey();
      try {
        request.header(param.name(), header.getValue());
      } catch (IllegalArgumentException e) {
        throw new InvalidInput(
            "arguments." + param.property(),
            "the header parameter '" + param.name() + "' cannot be sent: " + e.getMessage());
      }
    }
    if (!cookies.isEmpty()) {
      request.setHeader("Cookie", String.join("; ", cookies));
    }
    if (!op.safe()) {
      request.setHeader(IDEMPOTENCY_KEY, idempotencyKey);
    }
    for (var header : upstream.headers().entrySet()) {
      var value = staticValue(header.getKey(), header.getValue());
      try {
        request.setHeader(header.getKey(), value);
      } catch (IllegalArgumentException e) {
        // the value may be a secret: it stays out of the message
        throw new ToolFailure(
            "the value of upstream header '" + header.getKey() + "' is not a valid header value",
            e);
      }
    }
    var body = op.body() == null ? null : args.get(op.body().property());
    if (body == null || body.isNull()) {
      if (op.body() != null && op.body().required()) {
        throw new InvalidInput("arguments.body", "missing; the operation requires a request body");
      }
      return request.method(op.method(), BodyPublishers.noBody()).build();
    }
    request.setHeader("Content-Type", op.body().mediaType());
    var text = op.body().form() ? form(body) : Json.write(body);
    return request
        .method(op.method(), BodyPublishers.ofString(text, StandardCharsets.UTF_8))
        .build();
  }

  private static String staticValue(String name, Supplier<String> supplier) {
    String value;
    try {
      value = supplier.get();
    } catch (RuntimeException e) {
      throw new ToolFailure(
          "the value of upstream header '"
              + name
              + "' could not be had: "
              + e.getClass().getSimpleName(),
          e);
    }
    if (value == null) {
      throw new ToolFailure(
          "the value of upstream header '" + name + "' is missing (its supplier gave null)");
    }
    return value;
  }

  private static String pathValue(Param param, JsonNode value) {
    var parts = new ArrayList<String>();
    for (var text : texts(param, value)) {
      parts.add(encode(text));
    }
    var joined = String.join(",", parts);
    if (joined.isEmpty() || joined.equals(".") || joined.equals("..")) {
      throw new InvalidInput(
          "arguments." + param.property(),
          "the path parameter '"
              + param.name()
              + "' must not be empty, '.' or '..', got '"
              + joined
              + "'");
    }
    return joined;
  }

  private static void query(Param param, JsonNode value, List<String> pairs) {
    var name = encode(param.name());
    if (value.isObject() && !param.json()) {
      for (var field : value.properties()) {
        var text = encode(scalar(param, field.getValue()));
        switch (param.style()) {
          case "deepObject" ->
              pairs.add(encode(param.name() + "[" + field.getKey() + "]") + "=" + text);
          default -> {
            if (param.explode()) {
              pairs.add(encode(field.getKey()) + "=" + text);
            } else {
              pairs.add(name + "=" + encode(field.getKey()) + "," + text);
            }
          }
        }
      }
      return;
    }
    if (value.isArray() && !param.json() && param.explode()) {
      value.forEach(item -> pairs.add(name + "=" + encode(scalar(param, item))));
      return;
    }
    var delimiter =
        switch (param.style()) {
          case "spaceDelimited" -> "%20";
          case "pipeDelimited" -> "%7C";
          default -> ",";
        };
    var encoded = texts(param, value).stream().map(RequestWriter::encode).toList();
    pairs.add(name + "=" + String.join(delimiter, encoded));
  }

  /** A header or cookie value: arrays and objects as comma-separated lists ({@code simple}). */
  private static String joined(Param param, JsonNode value, String delimiter) {
    return String.join(delimiter, texts(param, value));
  }

  /** The texts a value is sent as: one for a scalar, one per item or key and value otherwise. */
  private static List<String> texts(Param param, JsonNode value) {
    if (param.json() || !value.isContainerNode()) {
      return List.of(scalar(param, value));
    }
    var texts = new ArrayList<String>();
    if (value.isArray()) {
      value.forEach(item -> texts.add(scalar(param, item)));
    } else {
      for (var field : value.properties()) {
        texts.add(field.getKey());
        texts.add(scalar(param, field.getValue()));
      }
    }
    return texts;
  }

  private static String scalar(Param param, JsonNode value) {
    if (param.json()) {
      return Json.write(value);
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isNumber() || value.isBoolean() || value.isNull()) {
      return value.asText();
    }
    throw new InvalidInput(
        "arguments." + param.property(),
        "the "
            + param.in().word()
            + " parameter '"
            + param.name()
            + "' takes strings, numbers, booleans or a flat array or object of them, got a nested "
            + value.getNodeType().toString().toLowerCase(Locale.ROOT));
  }

  private static String form(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidInput(
          "arguments.body", "a form body must be an object, got " + body.getNodeType());
    }
    var pairs = new ArrayList<String>();
    for (var field : body.properties()) {
      var key = encode(field.getKey());
      var value = field.getValue();
      if (value.isArray()) {
        value.forEach(
            item ->
                pairs.add(
                    key + "=" + encode(item.isContainerNode() ? Json.write(item) : item.asText())));
      } else if (!value.isNull()) {
        pairs.add(key + "=" + encode(value.isContainerNode() ? Json.write(value) : value.asText()));
      }
    }
    return String.join("&", pairs);
  }

  /** Percent-encodes everything but RFC 3986's unreserved characters. */
  static String encode(String text) {
    var out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
      }
    }
    return out.toString();
  }
}
