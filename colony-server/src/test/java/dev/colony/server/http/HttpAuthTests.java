package dev.colony.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalStatus;
import dev.colony.examples.retail.RetailData;
import dev.colony.examples.retail.RetailSupport;
import dev.colony.server.Authentication;
import dev.colony.server.Node;
import dev.colony.server.NodeAuth;
import dev.colony.server.NodeConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Who may call the REST API: bearer tokens, scopes, tenants, the approver, the token exchange. */
class HttpAuthTests {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";

  @TempDir static Path root;

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {}

  static Reply send(int port, String token, String method, String path, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), JSON.readTree(response.body()), response);
  }

  static Reply exchange(int port, Map<String, String> form) throws Exception {
    var body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/token"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .build();
    var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), JSON.readTree(response.body()), response);
  }

  /** The embedded default: the development issuer. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Development {
    Node node;
    HttpApi api;

    @BeforeAll
    void start() {
      node =
          Node.open(
              NodeConfig.defaults()
                  .withDataDir(root.resolve("development"))
                  .withEnvironment(Map.of()));
      api = HttpApi.start(node, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
      api.close();
      node.close();
    }

    @BeforeEach
    void freshCase() {
      RetailData.reset(node.database().dataSource(), node.config().tenant());
    }

    String token(String user, Set<String> scopes) {
      return NodeAuth.developmentToken(
          node.keys(), node.config().tenant(), user, scopes, Duration.ofMinutes(5));
    }

    String token(String user) {
      return token(user, node.auth().allScopes());
    }

    Reply call(String token, String method, String path, String body) throws Exception {
      return send(api.port(), token, method, path, body);
    }

    int runCount() throws Exception {
      return call(token("rep"), "GET", "/v1/runs", null).body().path("runs").size();
    }

    String startCase(String user) throws Exception {
      var started =
          call(
              token(user),
              "POST",
              "/v1/runs",
              JSON.writeValueAsString(
                  Map.of("agent", "support", "input", RetailSupport.CASE_REQUEST)));
      assertThat(started.body().path("status").asText()).isEqualTo("WAITING");
      return started.body().path("id").asText();
    }

    /** The pending approval of the case started as {@code runId} (a child run asks for it). */
    String pendingApproval(String runId) {
      var tenant = node.config().tenant();
      return node.runtime().approvals(tenant, ApprovalStatus.PENDING).stream()
          .filter(
              a -> {
                var run = node.runtime().run(tenant, a.runId()).orElseThrow();
                return run.id().value().equals(runId)
                    || (run.parentId() != null && run.parentId().value().equals(runId));
              })
          .findFirst()
          .orElseThrow()
          .id()
          .value();
    }

    @Test
    void aRequestWithoutATokenIs401WithABearerChallengeAndStoresNothing() throws Exception {
      var before = runCount();

      var reply = call(null, "POST", "/v1/runs", "{\"agent\":\"support\",\"input\":\"hi\"}");

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.raw().headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"colony\"");
      assertThat(reply.body().path("error").path("field").asText()).isEqualTo("Authorization");
      assertThat(runCount()).isEqualTo(before);
    }

    @Test
    void aTokenWithATamperedSignatureIsRefusedAsInvalid() throws Exception {
      var good = token("rep");
      var forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");

      var reply = call(forged, "GET", "/v1/runs", null);

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.raw().headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error=\"invalid_token\"");
      assertThat(reply.body().path("error").path("message").asText()).startsWith("signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
      var other =
          dev.colony.identity.oauth.DevelopmentIssuer.create(
                  node.keys(), Authentication.DEVELOPMENT_ISSUER)
              .mint(
                  "rep",
                  node.config().tenant(),
                  node.auth().allScopes(),
                  "another-service",
                  Duration.ofMinutes(5));

      var reply = call(other, "GET", "/v1/runs", null);

      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.body().path("error").path("message").asText()).startsWith("audience");
    }

    @Test
    void somethingOtherThanABearerTokenIsAMalformedRequest() throws Exception {
      var request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/v1/runs"))
              .header("Authorization", "Basic cmVwOnNlY3JldA==")
              .build();
      var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error=\"invalid_request\"");
    }

    @Test
    void aTokenWithoutTheScopeIs403InsufficientScopeAndStoresNothing() throws Exception {
      var before = runCount();
      var readOnly = token("rep", Set.of(NodeAuth.READ));

      var reply =
          call(readOnly, "POST", "/v1/runs", "{\"agent\":\"support\",\"input\":\"refund me\"}");

      assertThat(reply.status()).isEqualTo(403);
      assertThat(reply.raw().headers().firstValue("WWW-Authenticate").orElseThrow())
          .contains("error=\"insufficient_scope\"")
          .contains("scope=\"colony:run\"");
      assertThat(reply.body().path("error").path("code").asText()).isEqualTo("insufficient_scope");
      assertThat(runCount()).isEqualTo(before);
      assertThat(call(readOnly, "GET", "/v1/runs", null).status()).isEqualTo(200);
    }

    @Test
    void approvingNeedsTheApproveScopeAndLeavesTheApprovalPendingWithout() throws Exception {
      var run = startCase("rep");
      var approval = pendingApproval(run);

      var reply =
          call(
              token("alice", Set.of(NodeAuth.READ, NodeAuth.RUN)),
              "POST",
              "/v1/approvals/" + approval + "/approve",
              "{}");

      assertThat(reply.status()).isEqualTo(403);
      assertThat(
              call(token("rep"), "GET", "/v1/approvals/" + approval, null)
                  .body()
                  .path("status")
                  .asText())
          .isEqualTo("PENDING");
    }

    @Test
    void theApproverIsTheTokensUserAndCannotBeNamedOtherwise() throws Exception {
      var run = startCase("rep");
      var approval = pendingApproval(run);

      var impersonating =
          call(
              token("mallory"),
              "POST",
              "/v1/approvals/" + approval + "/approve",
              "{\"approver\":\"alice\"}");
      assertThat(impersonating.status()).isEqualTo(400);
      assertThat(impersonating.body().path("error").path("field").asText()).isEqualTo("approver");
      assertThat(
              call(token("rep"), "GET", "/v1/approvals/" + approval, null)
                  .body()
                  .path("status")
                  .asText())
          .isEqualTo("PENDING");

      var approved = call(token("alice"), "POST", "/v1/approvals/" + approval + "/approve", "{}");
      assertThat(approved.status()).isEqualTo(200);
      assertThat(approved.body().path("approval").path("votes").get(0).path("approver").asText())
          .isEqualTo("alice");
      assertThat(approved.body().path("run").path("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void runsStartedWithATokenActForItsUserAndCarryTheAgentsShareOfItsScopes() throws Exception {
      var started =
          call(
              token("rep", Set.of(NodeAuth.RUN, NodeAuth.READ, "orders:read", "billing:admin")),
              "POST",
              "/v1/runs",
              JSON.writeValueAsString(Map.of("agent", "orders", "input", "Where is order 1001?")));

      var run =
          node.runtime()
              .run(
                  node.config().tenant(),
                  dev.colony.core.RunId.of(started.body().path("id").asText()))
              .orElseThrow();
      assertThat(run.envelope().originator()).isEqualTo(dev.colony.core.Principal.user("rep"));
      assertThat(run.envelope().scopes()).containsExactly("orders:read");
    }

    @Test
    void aUserWhoseTokenLacksTheRefundScopeCannotHaveAnAgentRefundEvenWithApproval()
        throws Exception {
      var pendingBefore =
          node.runtime().approvals(node.config().tenant(), ApprovalStatus.PENDING).size();

      var started =
          call(
              token("rep", Set.of(NodeAuth.RUN, NodeAuth.READ, "payments:read")),
              "POST",
              "/v1/runs",
              JSON.writeValueAsString(
                  Map.of(
                      "agent",
                      "payments",
                      "input",
                      "Order 1001 may have been charged twice. Check its charges and refund the"
                          + " duplicate.")));

      assertThat(started.status()).isEqualTo(201);
      assertThat(started.body().path("status").asText()).isEqualTo("COMPLETED");
      assertThat(node.runtime().approvals(node.config().tenant(), ApprovalStatus.PENDING))
          .hasSize(pendingBefore);
      var decisions =
          node.ledger()
              .entries(
                  node.config().tenant(),
                  dev.colony.core.RunId.of(started.body().path("id").asText()));
      assertThat(decisions)
          .anySatisfy(
              entry -> {
                assertThat(entry.entry().tool()).isEqualTo("refund_charge");
                assertThat(entry.entry().policies()).contains("refund-needs-the-users-scope");
              });
    }

    @Test
    void anotherTenantsTokenSeesNoneOfThisTenantsRunsOrApprovals() throws Exception {
      var run = startCase("rep");
      var approval = pendingApproval(run);
      var globex =
          NodeAuth.developmentToken(
              node.keys(),
              TenantId.of("globex"),
              "eve",
              node.auth().allScopes(),
              Duration.ofMinutes(5));

      assertThat(call(globex, "GET", "/v1/runs/" + run, null).status()).isEqualTo(404);
      assertThat(call(globex, "GET", "/v1/runs", null).body().path("runs").size()).isZero();
      assertThat(call(globex, "GET", "/v1/approvals", null).body().path("approvals").size())
          .isZero();
      assertThat(call(globex, "POST", "/v1/approvals/" + approval + "/approve", "{}").status())
          .isEqualTo(404);
      assertThat(call(globex, "POST", "/v1/runs/" + run + "/cancel", "{}").status()).isEqualTo(404);
      assertThat(
              call(token("rep"), "GET", "/v1/approvals/" + approval, null)
                  .body()
                  .path("status")
                  .asText())
          .isEqualTo("PENDING");
      assertThat(call(token("rep"), "GET", "/v1/runs/" + run, null).body().path("status").asText())
          .isEqualTo("WAITING");
    }

    @Test
    void theTokenEndpointIssuesOnlyTheIntersectionOfHeldAskedAndAllowedScopes() throws Exception {
      var user = token("rep", Set.of("payments:read", "orders:read", NodeAuth.READ));
      var form = new LinkedHashMap<String, String>();
      form.put("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
      form.put("subject_token", user);
      form.put("subject_token_type", ACCESS_TOKEN);
      form.put("audience", "payments");
      form.put("scope", "payments:read payments:refund orders:read");

      var reply = exchange(api.port(), form);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(reply.body().path("scope").asText()).isEqualTo("payments:read");
      assertThat(reply.body().path("issued_token_type").asText()).isEqualTo(ACCESS_TOKEN);
      var identity =
          node.auth()
              .tokenExchange()
              .orElseThrow()
              .verify(reply.body().path("access_token").asText(), "payments");
      assertThat(identity.scopes()).containsExactly("payments:read");
      assertThat(identity.subject()).isEqualTo(dev.colony.core.Principal.user("rep"));
    }

    @Test
    void theTokenEndpointRefusesWhatIsNotAnExchangeWithAnOAuthError() throws Exception {
      var unknownAudience =
          exchange(
              api.port(),
              Map.of(
                  "grant_type",
                  "urn:ietf:params:oauth:grant-type:token-exchange",
                  "subject_token",
                  token("rep"),
                  "subject_token_type",
                  ACCESS_TOKEN,
                  "audience",
                  "ghost"));
      assertThat(unknownAudience.status()).isEqualTo(400);
      assertThat(unknownAudience.body().path("error").asText()).isEqualTo("invalid_target");

      var forged =
          exchange(
              api.port(),
              Map.of(
                  "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                  "subject_token", "eyJhbGciOiJub25lIn0.e30.",
                  "subject_token_type", ACCESS_TOKEN,
                  "audience", "payments"));
      assertThat(forged.status()).isEqualTo(400);
      assertThat(forged.body().path("error").asText()).isEqualTo("invalid_request");

      var json = send(api.port(), null, "POST", "/v1/token", "{\"grant_type\":\"x\"}");
      assertThat(json.status()).isEqualTo(400);
      assertThat(json.body().path("error").asText()).isEqualTo("invalid_request");
    }
  }

  /** Production: users' tokens come from an OpenID Connect issuer (a real one, on loopback). */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Oidc {
    MockOAuth2Server issuer;
    Node node;
    HttpApi api;

    @BeforeAll
    void start() throws Exception {
      issuer = new MockOAuth2Server();
      issuer.start(InetAddress.getByName("127.0.0.1"), 0);
      // Warm the issuer up: its first answers can take longer than the node's 2 s timeout.
      for (var path : List.of("/users/.well-known/openid-configuration", "/users/jwks")) {
        HTTP.send(
            HttpRequest.newBuilder(issuer.url(path).uri()).build(),
            HttpResponse.BodyHandlers.discarding());
      }
      var auth = Authentication.oidc(URI.create(issuer.issuerUrl("users").toString()), "colony");
      node =
          Node.open(
              NodeConfig.defaults()
                  .withDataDir(root.resolve("oidc"))
                  .withEnvironment(Map.of())
                  .withAuthentication(auth));
      api = HttpApi.start(node, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
      api.close();
      node.close();
      issuer.shutdown();
    }

    String userToken(String issuerId, String audience, String scope) {
      return issuer
          .issueToken(issuerId, "alice", audience, Map.of("tenant", "default", "scope", scope), 300)
          .serialize();
    }

    @Test
    void aTokenFromTheIssuerReadsTheApi() throws Exception {
      var reply =
          send(api.port(), userToken("users", "colony", "colony:read"), "GET", "/v1/agents", null);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body().path("agents").size()).isEqualTo(4);
    }

    @Test
    void aTokenFromAnotherIssuerOrForAnotherAudienceIsRefused() throws Exception {
      var otherIssuer =
          send(
              api.port(), userToken("elsewhere", "colony", "colony:read"), "GET", "/v1/runs", null);
      var otherAudience =
          send(api.port(), userToken("users", "billing", "colony:read"), "GET", "/v1/runs", null);

      assertThat(otherIssuer.status()).isEqualTo(401);
      assertThat(otherIssuer.body().path("error").path("message").asText()).startsWith("issuer");
      assertThat(otherAudience.status()).isEqualTo(401);
      assertThat(otherAudience.body().path("error").path("message").asText())
          .startsWith("audience");
    }

    @Test
    void aDevelopmentTokenIsNotAcceptedWhenAnIssuerIsConfigured() throws Exception {
      var development =
          NodeAuth.developmentToken(
              node.keys(),
              node.config().tenant(),
              "alice",
              Set.of(NodeAuth.READ),
              Duration.ofMinutes(5));

      assertThat(send(api.port(), development, "GET", "/v1/runs", null).status()).isEqualTo(401);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Off {
    Node node;
    HttpApi api;

    @BeforeAll
    void start() {
      node =
          Node.open(
              NodeConfig.defaults()
                  .withDataDir(root.resolve("off"))
                  .withEnvironment(Map.of())
                  .withAuthentication(Authentication.off()));
      api = HttpApi.start(node, "127.0.0.1", 0);
    }

    @AfterAll
    void stop() {
      api.close();
      node.close();
    }

    @Test
    void withAuthenticationOffRequestsActAsTheLocalUserAndNameTheirApprover() throws Exception {
      assertThat(send(api.port(), null, "GET", "/v1/runs", null).status()).isEqualTo(200);
      var approve =
          send(api.port(), null, "POST", "/v1/approvals/apr-nope/approve", "{\"reason\":\"x\"}");
      assertThat(approve.status()).isEqualTo(400);
      assertThat(approve.body().path("error").path("message").asText())
          .isEqualTo("approver: is required");
      var token = exchange(api.port(), Map.of("grant_type", "x"));
      assertThat(token.body().path("error").asText()).isEqualTo("unsupported_grant_type");
    }
  }
}
