package dev.colony.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.ColonyException;
import dev.colony.core.Conflict;
import dev.colony.core.InvalidInput;
import dev.colony.core.NotFound;
import dev.colony.core.RateLimited;
import dev.colony.core.RunId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.core.run.RunStatus;
import dev.colony.mcp.server.ColonyMcpServer;
import dev.colony.mcp.server.McpAuthenticator;
import dev.colony.mcp.server.McpServerSpec;
import dev.colony.server.Authentication;
import dev.colony.server.Node;
import dev.colony.server.NodeAuth;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's REST API under {@code /v1}: agents, runs and approvals, and the token exchange.
 *
 * <p>Every {@code /v1} request but {@code /v1/health} and {@code /v1/token} carries a bearer token
 * ({@link NodeAuth}) unless authentication is off; the token's tenant is the only tenant a request
 * reaches, its subject is who starts runs and who approves. Requests run on virtual threads; a
 * request that starts or resumes a run returns when the run completes, fails or suspends. Errors
 * are JSON: {@code {"error": {"code", "field", "message"}}} with 400 for bad input, 401 without a
 * valid token (and {@code WWW-Authenticate}, RFC 6750), 403 for a missing scope ({@code
 * insufficient_scope}), 404 for ids the tenant does not have, 409 for conflicts, 413 for bodies
 * over 1 MB, 429 for an approver over the approval limit, 503 when the token issuer's keys cannot
 * be fetched. {@code POST /v1/token} answers as an RFC 8693 token endpoint does.
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY = 1_000_000;

  private final Node node;
  private final Javalin app;

  private HttpApi(Node node, String host, int port) {
    this.node = node;
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.concurrency.useVirtualThreads = true;
              config.http.maxRequestSize = MAX_BODY;
              config.jetty.host = host;
              config.jetty.port = port;
              mountMcp(config, host);
              var r = config.routes;
              r.get("/v1/health", ctx -> json(ctx, 200, Map.of("status", "ok")));
              r.get("/.well-known/oauth-protected-resource/mcp/{server}", this::protectedResource);
              r.get(
                  "/.well-known/jwks.json",
                  ctx ->
                      ctx.status(200)
                          .contentType("application/jwk-set+json")
                          .result(node.keys().jwks()));
              r.get("/v1/agents", this::agents);
              r.get("/v1/runs", this::listRuns);
              r.post("/v1/runs", this::startRun);
              r.get("/v1/runs/{id}", this::showRun);
              r.post("/v1/runs/{id}/resume", this::resumeRun);
              r.post("/v1/runs/{id}/cancel", this::cancelRun);
              r.get("/v1/approvals", this::listApprovals);
              r.get("/v1/approvals/{id}", this::showApproval);
              r.post("/v1/approvals/{id}/approve", ctx -> decide(ctx, true));
              r.post("/v1/approvals/{id}/deny", ctx -> decide(ctx, false));
              r.post("/v1/token", this::exchangeToken);
              r.exception(NodeAuth.Unauthenticated.class, HttpApi::unauthenticated);
              r.exception(NodeAuth.Forbidden.class, HttpApi::forbidden);
              r.exception(
                  NodeAuth.IssuerUnavailable.class,
                  (e, ctx) ->
                      error(ctx, 503, "issuer_unavailable", "Authorization", e.getMessage()));
              r.exception(
                  InvalidInput.class,
                  (e, ctx) -> error(ctx, 400, "invalid_input", e.field(), e.getMessage()));
              r.exception(
                  NotFound.class, (e, ctx) -> error(ctx, 404, "not_found", null, e.getMessage()));
              r.exception(
                  Conflict.class, (e, ctx) -> error(ctx, 409, "conflict", null, e.getMessage()));
              r.exception(
                  RateLimited.class,
                  (e, ctx) -> error(ctx, 429, "rate_limited", null, e.getMessage()));
              r.exception(
                  ColonyException.class,
                  (e, ctx) -> error(ctx, 500, "internal", null, e.getMessage()));
              r.exception(io.javalin.http.HttpResponseException.class, HttpApi::httpError);
            });
  }

  /**
   * Mounts each of the node's MCP servers at {@code /mcp/{name}}: the SDK's Streamable HTTP
   * transport behind the node's bearer-token check, which needs {@code colony:run}.
   */
  private void mountMcp(io.javalin.config.JavalinConfig config, String host) {
    var allowedHosts = loopback(host) ? LOOPBACK_HOSTS : java.util.List.<String>of();
    McpAuthenticator authenticator =
        authorization -> {
          try {
            var caller = node.auth().authenticate(authorization);
            caller.require(NodeAuth.RUN);
            return caller.envelope();
          } catch (NodeAuth.Unauthenticated e) {
            throw new McpAuthenticator.Refused(401, e.error(), null, e.getMessage());
          } catch (NodeAuth.Forbidden e) {
            throw new McpAuthenticator.Refused(
                403, "insufficient_scope", e.scope(), e.getMessage());
          } catch (NodeAuth.IssuerUnavailable e) {
            throw new McpAuthenticator.Refused(
                503, "temporarily_unavailable", null, e.getMessage());
          }
        };
    for (var spec : node.mcpServers()) {
      var path = "/mcp/" + spec.name();
      var endpoint =
          ColonyMcpServer.http(
              spec,
              node.runtime(),
              authenticator,
              path,
              "/.well-known/oauth-protected-resource" + path,
              allowedHosts);
      config.jetty.modifyServletContextHandler(
          handler -> handler.addServlet(new ServletHolder(endpoint), path));
    }
    if (!node.mcpServers().isEmpty() && !node.auth().required()) {
      log.warn(
          "Authentication is off: the MCP servers at /mcp/{{{}}} accept calls without a token,"
              + " as the node's local user. Use this for local work only.",
          String.join(",", node.mcpServers().stream().map(McpServerSpec::name).toList()));
    }
  }

  /**
   * The names a node bound to a loopback address answers MCP requests for: a page elsewhere that
   * rebinds its own name to 127.0.0.1 sends its own name as Host, and is refused (MCP transport
   * specification, DNS rebinding).
   */
  private static final java.util.List<String> LOOPBACK_HOSTS =
      java.util.List.of("127.0.0.1:*", "localhost:*", "[::1]:*");

  private static boolean loopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }

  /** RFC 9728 protected resource metadata of one MCP server. */
  private void protectedResource(Context ctx) {
    var name = ctx.pathParam("server");
    if (node.mcpServers().stream().noneMatch(s -> s.name().equals(name))) {
      throw new NotFound("MCP server", name);
    }
    var base = ctx.scheme() + "://" + ctx.host();
    var body = new LinkedHashMap<String, Object>();
    body.put("resource", base + "/mcp/" + name);
    body.put("resource_name", "Colony MCP server '" + name + "'");
    var issuer = node.config().authentication().issuer();
    if (node.config().authentication().mode() == Authentication.Mode.OIDC && issuer != null) {
      body.put("authorization_servers", java.util.List.of(issuer.toString()));
    }
    body.put("bearer_methods_supported", java.util.List.of("header"));
    body.put("scopes_supported", node.auth().allScopes().stream().sorted().toList());
    json(ctx, 200, body);
  }

  /** Starts the API on the given address; port 0 picks a free port. */
  public static HttpApi start(Node node, String host, int port) {
    var api = new HttpApi(node, host, port);
    api.app.start();
    log.info("Colony REST API listening on http://{}:{}/v1", host, api.port());
    return api;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private NodeAuth.Caller caller(Context ctx, String scope) {
    var caller = node.auth().authenticate(ctx.header("Authorization"));
    caller.require(scope);
    return caller;
  }

  private void agents(Context ctx) {
    caller(ctx, NodeAuth.READ);
    var runtime = node.runtime();
    json(
        ctx,
        200,
        Map.of("agents", runtime.agents().stream().map(a -> Views.agent(a, a.tools())).toList()));
  }

  private void listRuns(Context ctx) {
    var caller = caller(ctx, NodeAuth.READ);
    var status = enumParam(ctx, "status", RunStatus.class);
    var limit = limit(ctx);
    var runs = node.runtime().runs(caller.tenant(), status, limit);
    json(ctx, 200, Map.of("runs", runs.stream().map(Views::run).toList()));
  }

  private void startRun(Context ctx) {
    var caller = caller(ctx, NodeAuth.RUN);
    var body = body(ctx, Set.of("agent", "input"));
    var agent = requiredText(body, "agent");
    var input = requiredText(body, "input");
    var run = node.runtime().start(agent, caller.envelope(), input);
    json(ctx, 201, Views.run(run));
  }

  private void showRun(Context ctx) {
    var caller = caller(ctx, NodeAuth.READ);
    var id = runId(ctx);
    json(
        ctx,
        200,
        Views.run(
            node.runtime()
                .run(caller.tenant(), id)
                .orElseThrow(() -> new NotFound("run", id.value()))));
  }

  private void resumeRun(Context ctx) {
    var caller = caller(ctx, NodeAuth.RUN);
    body(ctx, Set.of());
    json(ctx, 200, Views.run(node.runtime().resume(caller.tenant(), runId(ctx))));
  }

  private void cancelRun(Context ctx) {
    var caller = caller(ctx, NodeAuth.RUN);
    var body = body(ctx, Set.of("reason"));
    var reason = optionalText(body, "reason");
    json(ctx, 200, Views.run(node.runtime().cancel(caller.tenant(), runId(ctx), reason)));
  }

  private void listApprovals(Context ctx) {
    var caller = caller(ctx, NodeAuth.READ);
    var status = enumParam(ctx, "status", ApprovalStatus.class);
    var approvals = node.runtime().approvals(caller.tenant(), status);
    json(ctx, 200, Map.of("approvals", approvals.stream().map(Views::approval).toList()));
  }

  private void showApproval(Context ctx) {
    var caller = caller(ctx, NodeAuth.READ);
    var id = approvalId(ctx);
    json(
        ctx,
        200,
        Views.approval(
            node.runtime()
                .approval(caller.tenant(), id)
                .orElseThrow(() -> new NotFound("approval", id.value()))));
  }

  private void decide(Context ctx, boolean approve) {
    var caller = caller(ctx, NodeAuth.APPROVE);
    var body = body(ctx, Set.of("approver", "reason"));
    var approver = approver(caller, body);
    var reason = optionalText(body, "reason");
    var tenant = caller.tenant();
    var id = approvalId(ctx);
    var decided =
        approve
            ? node.runtime().approve(tenant, id, approver, reason)
            : node.runtime().deny(tenant, id, approver, reason);
    // Deciding may have resumed the run, which then used the approval: show it as it is now.
    var now = node.runtime().approval(tenant, id).orElse(decided);
    var view = new LinkedHashMap<String, Object>();
    view.put("approval", Views.approval(now));
    view.put("run", Views.run(node.runtime().run(tenant, decided.runId()).orElseThrow()));
    json(ctx, 200, view);
  }

  /**
   * Who approves: the token's user. Only with authentication off does the body name the approver;
   * with it on, a body that names someone else is refused.
   */
  private String approver(NodeAuth.Caller caller, JsonNode body) {
    if (!node.auth().required()) {
      return requiredText(body, "approver");
    }
    var named = optionalText(body, "approver");
    var user = caller.user().id();
    if (named != null && !named.equals(user)) {
      throw new InvalidInput(
          "approver",
          "must be the token's user '"
              + user
              + "' or left out; one person cannot approve for"
              + " another, got '"
              + named
              + "'");
    }
    return user;
  }

  /** {@code POST /v1/token}: an RFC 8693 token exchange, form-encoded. */
  private void exchangeToken(Context ctx) {
    var type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      tokenError(ctx, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
      return;
    }
    var answer = node.auth().exchange(ctx.formParamMap());
    if (answer.isEmpty()) {
      tokenError(
          ctx,
          400,
          "unsupported_grant_type",
          "authentication is off on this node: there is no token to exchange");
      return;
    }
    ctx.header("Cache-Control", "no-store")
        .status(answer.get().httpStatus())
        .contentType("application/json")
        .result(answer.get().bodyJson());
  }

  private static void tokenError(Context ctx, int status, String error, String description) {
    var body = new LinkedHashMap<String, Object>();
    body.put("error", error);
    body.put("error_description", description);
    ctx.header("Cache-Control", "no-store");
    json(ctx, status, body);
  }

  private static void unauthenticated(NodeAuth.Unauthenticated e, Context ctx) {
    var challenge = new StringBuilder("Bearer realm=\"colony\"");
    if (e.error() != null) {
      challenge
          .append(", error=\"")
          .append(e.error())
          .append("\", error_description=\"")
          .append(e.getMessage().replace('"', '\''))
          .append('"');
    }
    ctx.header("WWW-Authenticate", challenge.toString());
    error(
        ctx,
        401,
        e.error() == null ? "unauthenticated" : e.error(),
        "Authorization",
        e.getMessage());
  }

  private static void forbidden(NodeAuth.Forbidden e, Context ctx) {
    ctx.header(
        "WWW-Authenticate",
        "Bearer realm=\"colony\", error=\"insufficient_scope\", scope=\"" + e.scope() + "\"");
    error(ctx, 403, "insufficient_scope", "scope", e.getMessage());
  }

  private static RunId runId(Context ctx) {
    try {
      return RunId.of(ctx.pathParam("id"));
    } catch (InvalidInput e) {
      throw new InvalidInput("id", e.getMessage().substring(e.field().length() + 2));
    }
  }

  private static ApprovalId approvalId(Context ctx) {
    try {
      return ApprovalId.of(ctx.pathParam("id"));
    } catch (InvalidInput e) {
      throw new InvalidInput("id", e.getMessage().substring(e.field().length() + 2));
    }
  }

  /** The request body as a JSON object with only the allowed fields; an empty body is {}. */
  private static JsonNode body(Context ctx, Set<String> allowed) {
    var text = ctx.body();
    if (text.isBlank()) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new InvalidInput(
          "body",
          "is not valid JSON: "
              + e.getOriginalMessage()
              + (loc == null
                  ? ""
                  : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"));
    }
    if (!node.isObject()) {
      throw new InvalidInput(
          "body",
          "must be a JSON object, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      var name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidInput(
            name,
            "is not a known field; expected "
                + (allowed.isEmpty()
                    ? "no fields"
                    : "one of " + allowed.stream().sorted().toList()));
      }
    }
    return node;
  }

  private static String requiredText(JsonNode body, String field) {
    var value = body.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidInput(field, "is required");
    }
    if (!value.isTextual()) {
      throw new InvalidInput(
          field, "must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (value.asText().isBlank()) {
      throw new InvalidInput(field, "must not be blank");
    }
    return value.asText();
  }

  private static String optionalText(JsonNode body, String field) {
    var value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidInput(
          field, "must be a string, got " + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return value.asText();
  }

  private static <E extends Enum<E>> E enumParam(Context ctx, String name, Class<E> type) {
    var raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(
          name,
          "must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
              + ", got '"
              + raw
              + "'");
    }
  }

  private static int limit(Context ctx) {
    var raw = ctx.queryParam("limit");
    if (raw == null) {
      return 50;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit < 1 || limit > 1000) {
        throw new InvalidInput("limit", "must be between 1 and 1000, got " + limit);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new InvalidInput("limit", "must be a whole number, got '" + raw + "'");
    }
  }

  private static void httpError(io.javalin.http.HttpResponseException e, Context ctx) {
    switch (e.getStatus()) {
      case 404 -> error(ctx, 404, "not_found", null, "no route " + ctx.method() + " " + ctx.path());
      case 413 ->
          error(ctx, 413, "too_large", "body", "request body is over " + MAX_BODY + " bytes");
      default -> error(ctx, e.getStatus(), "http_" + e.getStatus(), null, e.getMessage());
    }
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write response JSON", e);
    }
  }

  private static void error(Context ctx, int status, String code, String field, String message) {
    var error = new LinkedHashMap<String, Object>();
    error.put("code", code);
    error.put("field", field);
    error.put("message", message);
    json(ctx, status, Map.of("error", error));
  }
}
