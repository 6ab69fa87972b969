package dev.colony.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colony.examples.retail.RetailSupport;
import dev.colony.server.Node;
import dev.colony.server.NodeAuth;
import dev.colony.server.NodeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiTests {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir static Path data;
  static Node node;
  static HttpApi api;
  static String rep;
  static String alice;
  static String bob;

  record Reply(int status, JsonNode body) {}

  @BeforeAll
  static void start() {
    node = Node.open(NodeConfig.defaults().withDataDir(data).withEnvironment(Map.of()));
    api = HttpApi.start(node, "127.0.0.1", 0);
    rep = token("rep");
    alice = token("alice");
    bob = token("bob");
  }

  /** A development token for a user of the node's tenant, with every scope. */
  static String token(String user) {
    return NodeAuth.developmentToken(
        node.keys(), node.config().tenant(), user, node.auth().allScopes(), Duration.ofMinutes(5));
  }

  @org.junit.jupiter.api.BeforeEach
  void freshCase() {
    dev.colony.examples.retail.RetailData.reset(
        node.database().dataSource(), node.config().tenant());
  }

  @AfterAll
  static void stop() {
    api.close();
    node.close();
  }

  static Reply call(String method, String path, String body) throws Exception {
    return callAs(rep, method, path, body);
  }

  static Reply callAs(String token, String method, String path, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .build();
    var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }

  @Test
  void aRunStartedOverRestWaitsAndIsResolvedByApprovingOverRest() throws Exception {
    var started =
        call(
            "POST",
            "/v1/runs",
            JSON.writeValueAsString(
                Map.of("agent", "support", "input", RetailSupport.CASE_REQUEST)));
    assertThat(started.status()).isEqualTo(201);
    assertThat(started.body().path("status").asText()).isEqualTo("WAITING");
    var runId = started.body().path("id").asText();

    var pending = call("GET", "/v1/approvals?status=pending", null);
    var approval = pending.body().path("approvals").get(0);
    assertThat(approval.path("tool").asText()).isEqualTo("refund_charge");
    assertThat(approval.path("arguments").path("charge_id").asText()).isEqualTo("CH-7782");

    var decided =
        callAs(
            alice,
            "POST",
            "/v1/approvals/" + approval.path("id").asText() + "/approve",
            "{\"reason\":\"duplicate\"}");
    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.body().path("approval").path("status").asText()).isEqualTo("APPROVED");

    var root = call("GET", "/v1/runs/" + runId, null);
    assertThat(root.body().path("status").asText()).isEqualTo("COMPLETED");
    assertThat(root.body().path("output").asText()).contains("Refunded CH-7782");

    var again =
        callAs(bob, "POST", "/v1/approvals/" + approval.path("id").asText() + "/deny", "{}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("error").path("message").asText())
        .contains("was already decided: APPROVED");
  }

  @Test
  void malformedJsonIsRefusedWithItsLocation() throws Exception {
    var reply = call("POST", "/v1/runs", "{\"agent\": \"support\",");

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().path("error").path("field").asText()).isEqualTo("body");
    assertThat(reply.body().path("error").path("message").asText())
        .contains("is not valid JSON")
        .contains("line 1");
  }

  @Test
  void unknownFieldsAndWrongTypesAreNamed() throws Exception {
    var unknown =
        call("POST", "/v1/runs", "{\"agent\":\"support\",\"input\":\"hi\",\"admin\":true}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.body().path("error").path("field").asText()).isEqualTo("admin");

    var wrongType = call("POST", "/v1/runs", "{\"agent\":\"support\",\"input\":42}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("error").path("message").asText())
        .isEqualTo("input: must be a string, got number");

    var missing = call("POST", "/v1/runs", "{\"agent\":\"support\"}");
    assertThat(missing.body().path("error").path("message").asText())
        .isEqualTo("input: is required");
  }

  @Test
  void unknownIdsAndAgentsAre404AndStoreNothing() throws Exception {
    var before = call("GET", "/v1/runs", null).body().path("runs").size();

    assertThat(call("GET", "/v1/runs/run-nope", null).status()).isEqualTo(404);
    assertThat(callAs(alice, "POST", "/v1/approvals/apr-nope/approve", "{}").status())
        .isEqualTo(404);
    var agent = call("POST", "/v1/runs", "{\"agent\":\"ghost\",\"input\":\"hi\"}");
    assertThat(agent.status()).isEqualTo(404);
    assertThat(agent.body().path("error").path("message").asText())
        .isEqualTo("agent 'ghost' not found");

    assertThat(call("GET", "/v1/runs", null).body().path("runs").size()).isEqualTo(before);
  }

  @Test
  void badQueryParametersAreNamed() throws Exception {
    var status = call("GET", "/v1/runs?status=sleeping", null);
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.body().path("error").path("field").asText()).isEqualTo("status");

    var limit = call("GET", "/v1/runs?limit=0", null);
    assertThat(limit.body().path("error").path("message").asText())
        .isEqualTo("limit: must be between 1 and 1000, got 0");
  }

  @Test
  void anOversizedBodyIsRefused() throws Exception {
    var huge = "{\"agent\":\"support\",\"input\":\"" + "x".repeat(1_100_000) + "\"}";

    var reply = call("POST", "/v1/runs", huge);

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.body().path("error").path("code").asText()).isEqualTo("too_large");
  }

  @Test
  void theAgentsAreListedWithTheirTools() throws Exception {
    var agents = call("GET", "/v1/agents", null).body().path("agents");

    var names = new java.util.ArrayList<String>();
    agents.forEach(a -> names.add(a.path("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("support", "orders", "payments", "inventory");
  }

  @Test
  void theAgentsPublicKeysAreServedAsAJwkSetWithNoPrivateParts() throws Exception {
    var jwks = call("GET", "/.well-known/jwks.json", null).body();

    var kids = new java.util.ArrayList<String>();
    jwks.path("keys").forEach(k -> kids.add(k.path("kid").asText()));
    assertThat(kids)
        .anySatisfy(k -> assertThat(k).startsWith("support-"))
        .anySatisfy(k -> assertThat(k).startsWith("payments-"));
    jwks.path("keys")
        .forEach(k -> assertThat(k.has("d")).as("private part of " + k.path("kid")).isFalse());
  }

  @Test
  void theAgentsKeysAreServedAsEd25519AndTheApprovalKeyAsP256() throws Exception {
    var keys = call("GET", "/.well-known/jwks.json", null).body().path("keys");

    var byKid = new java.util.HashMap<String, JsonNode>();
    keys.forEach(k -> byKid.put(k.path("kid").asText(), k));
    assertThat(byKid)
        .hasEntrySatisfying(
            kidOf(byKid, "support-"),
            k -> {
              assertThat(k.path("kty").asText()).isEqualTo("OKP");
              assertThat(k.path("crv").asText()).isEqualTo("Ed25519");
              assertThat(k.path("alg").asText()).isEqualTo("EdDSA");
              assertThat(k.path("use").asText()).isEqualTo("sig");
              assertThat(java.util.Base64.getUrlDecoder().decode(k.path("x").asText())).hasSize(32);
            })
        .hasEntrySatisfying(
            kidOf(byKid, "approvals-"),
            k -> {
              assertThat(k.path("kty").asText()).isEqualTo("EC");
              assertThat(k.path("crv").asText()).isEqualTo("P-256");
              assertThat(k.path("alg").asText()).isEqualTo("ES256");
            });
  }

  private static String kidOf(Map<String, JsonNode> byKid, String prefix) {
    return byKid.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void anApprovalGivenOverRestCarriesASignedToken() throws Exception {
    var started =
        call(
            "POST",
            "/v1/runs",
            JSON.writeValueAsString(
                Map.of(
                    "agent",
                    "payments",
                    "input",
                    "Order 1001 may have been charged twice. Check its charges and refund the duplicate.")));
    var approval =
        call("GET", "/v1/approvals?status=pending", null).body().path("approvals").get(0);

    var decided =
        callAs(
            alice,
            "POST",
            "/v1/approvals/" + approval.path("id").asText() + "/approve",
            "{\"approver\":\"alice\"}");

    assertThat(started.body().path("status").asText()).isEqualTo("WAITING");
    assertThat(decided.body().path("approval").path("votes").get(0).path("signed").asBoolean())
        .isTrue();
    assertThat(decided.body().path("approval").path("used_by").asText()).endsWith("/call-2-1");
    assertThat(decided.body().path("run").path("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void anUnknownRouteIsAJson404() throws Exception {
    var reply = call("GET", "/v1/nothing", null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().path("error").path("code").asText()).isEqualTo("not_found");
  }
}
