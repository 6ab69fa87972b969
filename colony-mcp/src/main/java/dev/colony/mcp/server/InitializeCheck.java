package dev.colony.mcp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Checks an {@code initialize} request's params before the SDK sees it: the SDK answers an {@code
 * initialize} without params with HTTP 500, where the message is the client's mistake (found by
 * {@code McpEndpointFuzzTests}). The body is read once, within the size limit, and handed on.
 */
final class InitializeCheck {
  private InitializeCheck() {}

  /**
   * The request with its body buffered, or empty if it is too large to buffer (the SDK refuses it).
   */
  static Optional<Buffered> buffer(HttpServletRequest request, int limit) throws IOException {
    if (request.getContentLengthLong() > limit) {
      return Optional.empty();
    }
    var bytes = request.getInputStream().readNBytes(limit + 1);
    return Optional.of(new Buffered(request, bytes));
  }

  /**
   * What is wrong with the body if it is an {@code initialize} request without the params MCP
   * requires ({@code protocolVersion}, {@code capabilities}, {@code clientInfo}); else empty.
   */
  static Optional<String> problem(byte[] body) {
    var text = new String(body, StandardCharsets.UTF_8);
    if (!text.contains("\"initialize\"")) {
      return Optional.empty();
    }
    JsonNode message;
    try {
      message = ServedTools.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.empty(); // not JSON: the SDK answers 400 itself
    }
    if (message == null
        || !message.isObject()
        || !"initialize".equals(message.path("method").asText(null))) {
      return Optional.empty();
    }
    var params = message.get("params");
    if (params == null || !params.isObject()) {
      return Optional.of("initialize: 'params' must be an object, found " + kind(params));
    }
    if (!params.path("protocolVersion").isTextual()) {
      return Optional.of("initialize: 'params.protocolVersion' must be a string");
    }
    if (!params.path("clientInfo").isObject()) {
      return Optional.of("initialize: 'params.clientInfo' must be an object");
    }
    return Optional.empty();
  }

  private static String kind(JsonNode node) {
    return node == null ? "none" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A request whose body was read into memory, read again from there. */
  static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    byte[] body() {
      return body;
    }

    @Override
    public ServletInputStream getInputStream() {
      var in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the buffered body is read synchronously");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
