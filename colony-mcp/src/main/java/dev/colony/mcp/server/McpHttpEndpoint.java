package dev.colony.mcp.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * One Colony MCP server over Streamable HTTP, as a servlet to mount at its path: an OAuth 2.1
 * resource server (MCP authorization, 2025-11-25) in front of the SDK's transport. Every request is
 * authenticated first; one without a valid token gets 401 with a {@code WWW-Authenticate} challenge
 * that points at the protected resource metadata (RFC 9728), one without the scope needed 403
 * {@code insufficient_scope}, and neither reaches the MCP server. The token itself goes no further
 * than the authenticator: the call runs on the caller's envelope, and nothing upstream sees the
 * token. Thread-safe, as servlets are.
 */
public final class McpHttpEndpoint extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient HttpServletStreamableServerTransportProvider transport;
  private final transient McpSyncServer server;
  private final transient McpAuthenticator authenticator;
  private final String resourceMetadata;

  McpHttpEndpoint(
      HttpServletStreamableServerTransportProvider transport,
      McpSyncServer server,
      McpAuthenticator authenticator,
      String resourceMetadata) {
    this.transport = transport;
    this.server = server;
    this.authenticator = authenticator;
    this.resourceMetadata = resourceMetadata;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    try {
      var envelope = authenticator.authenticate(request.getHeader("Authorization"));
      request.setAttribute(ColonyMcpServer.ENVELOPE, envelope);
    } catch (McpAuthenticator.Refused refused) {
      refuse(request, response, refused);
      return;
    }
    if ("POST".equals(request.getMethod())) {
      var buffered = InitializeCheck.buffer(request, ColonyMcpServer.MAX_REQUEST_BYTES);
      if (buffered.isPresent()) {
        var problem = InitializeCheck.problem(buffered.get().body());
        if (problem.isPresent()) {
          invalidParams(response, problem.get());
          return;
        }
        transport.service(buffered.get(), response);
        return;
      }
    }
    transport.service(request, response);
  }

  private static void invalidParams(HttpServletResponse response, String message)
      throws IOException {
    var error = new LinkedHashMap<String, Object>();
    error.put("code", McpSchema.ErrorCodes.INVALID_PARAMS);
    error.put("message", message);
    var body = new LinkedHashMap<String, Object>();
    body.put("jsonrpc", "2.0");
    body.put("id", null);
    body.put("error", error);
    response.setStatus(400);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(ServedTools.JSON.writeValueAsString(body));
  }

  private void refuse(
      HttpServletRequest request, HttpServletResponse response, McpAuthenticator.Refused refused)
      throws IOException {
    var challenge =
        new StringBuilder("Bearer resource_metadata=\"").append(resourceMetadata(request));
    challenge.append('"');
    if (refused.error() != null) {
      challenge.append(", error=\"").append(refused.error()).append('"');
      challenge
          .append(", error_description=\"")
          .append(refused.getMessage().replace('"', '\''))
          .append('"');
    }
    if (refused.scope() != null) {
      challenge.append(", scope=\"").append(refused.scope()).append('"');
    }
    if (refused.status() == 401 || refused.status() == 403) {
      response.setHeader("WWW-Authenticate", challenge.toString());
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("error", refused.error() == null ? "unauthenticated" : refused.error());
    body.put("error_description", refused.getMessage());
    response.setStatus(refused.status());
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String json;
    try {
      json = ServedTools.JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      json = "{\"error\":\"unauthenticated\"}";
    }
    response.getWriter().write(json);
  }

  /** The metadata's URL: as configured if absolute, else on the host the request was sent to. */
  private String resourceMetadata(HttpServletRequest request) {
    if (!resourceMetadata.startsWith("/")) {
      return resourceMetadata;
    }
    var url = request.getRequestURL().toString();
    var path = request.getRequestURI();
    var base = url.endsWith(path) ? url.substring(0, url.length() - path.length()) : url;
    return base + resourceMetadata;
  }

  /** Stops the server: open sessions are closed. */
  @Override
  public void destroy() {
    server.closeGracefully();
    super.destroy();
  }
}
