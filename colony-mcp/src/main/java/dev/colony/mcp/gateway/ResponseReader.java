package dev.colony.mcp.gateway;

import dev.colony.core.tool.ToolCall;
import dev.colony.core.tool.ToolResult;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Maps an upstream response to the tool's result.
 *
 * <ul>
 *   <li>2xx with a JSON body: the JSON, a non-object wrapped as {@code {"result": value}} so the
 *       structured result is always an object.
 *   <li>2xx without a body: {@code {"status": 204}}.
 *   <li>2xx with another body: {@code {"status", "contentType", "body"}} for text, {@code
 *       {"status", "contentType", "size"}} for binary content, which is not shown.
 *   <li>any other status: a failed result naming the method, path, status and the start of the
 *       body.
 * </ul>
 */
final class ResponseReader {
  static final int MAX_ERROR_BODY = 500;

  private ResponseReader() {}

  static ToolResult read(ToolCall call, HttpOperation op, HttpResponse<byte[]> response) {
    var status = response.statusCode();
    var body = response.body() == null ? new byte[0] : response.body();
    var contentType = response.headers().firstValue("Content-Type").orElse(null);
    if (status < 200 || status > 299) {
      var text = text(body, contentType).strip();
      if (text.length() > MAX_ERROR_BODY) {
        text = text.substring(0, MAX_ERROR_BODY) + "… (" + body.length + " bytes)";
      }
      return ToolResult.failure(
          call,
          op.method()
              + " "
              + response.uri().getRawPath()
              + " returned HTTP "
              + status
              + (text.isEmpty() ? "" : ": " + text));
    }
    if (body.length == 0) {
      return ToolResult.success(call, Json.write(Json.object().put("status", status)));
    }
    if (contentType == null || OperationReader.json(contentType)) {
      var tree = Json.tryParse(body);
      if (tree != null) {
        return ToolResult.success(
            call, Json.write(tree.isObject() ? tree : Json.object().set("result", tree)));
      }
    }
    var out = Json.object().put("status", status).put("contentType", contentType);
    if (textual(contentType)) {
      out.put("body", text(body, contentType));
    } else {
      out.put("size", body.length);
    }
    return ToolResult.success(call, Json.write(out));
  }

  private static boolean textual(String contentType) {
    if (contentType == null) {
      return true;
    }
    var type = contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("yaml")
        || type.contains("javascript")
        || type.contains("x-www-form-urlencoded")
        || type.contains("charset=");
  }

  private static String text(byte[] body, String contentType) {
    return new String(body, charset(contentType));
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
      for (var part : contentType.split(";")) {
        var pair = part.strip().split("=", 2);
        if (pair.length == 2 && pair[0].equalsIgnoreCase("charset")) {
          try {
            return Charset.forName(pair[1].replace("\"", "").strip());
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8; // an unknown charset is read as UTF-8
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
