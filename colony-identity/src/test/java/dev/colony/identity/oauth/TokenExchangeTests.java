package dev.colony.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.InMemoryKeyVault;
import dev.colony.identity.KeyRing;
import dev.colony.identity.TestClock;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenExchangeTests {
  private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  private static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
  private static final TenantId ACME = TenantId.of("acme");

  private final TestClock clock = TestClock.atNewYear();
  private final KeyRing keys = KeyRing.builder(new InMemoryKeyVault()).clock(clock).build();
  private final DevelopmentIssuer users =
      DevelopmentIssuer.create(keys, URI.create("http://127.0.0.1:8080/dev"));
  private final TokenExchange exchange =
      TokenExchange.builder(keys, URI.create("https://colony.example/token"))
          .upstream(users.bearerTokens("colony"))
          .audience("support", Set.of("orders:read", "tickets:read", "tickets:write"))
          .audience("orders", Set.of("orders:read", "orders:refund"))
          .audience("billing", Set.of("orders:read", "invoices:read"))
          .build();
  private final String alice =
      users.mint(
          "alice",
          ACME,
          Set.of("orders:read", "orders:refund", "tickets:write", "profile"),
          "colony",
          Duration.ofHours(1));

  TokenExchangeTests() {
    keys.enroll(Principal.agent("support"));
    keys.enroll(Principal.agent("orders"));
    keys.enroll(Principal.agent("billing"));
  }

  @Test
  void askingForMoreScopeYieldsOnlyWhatIsHeldAskedForAndAllowed() {
    var result =
        exchange.exchange(hop(alice, "support", "orders", "orders:read admin tickets:write"));

    assertThat(issued(result).scopes()).containsExactly("orders:read");
    assertThat(exchange.verify(issued(result).accessToken(), "orders").scopes())
        .containsExactly("orders:read");
  }

  @Test
  void askingForNoScopeYieldsWhatIsHeldAndAllowed() {
    var result = exchange.exchange(hop(alice, "support", "orders", null));

    assertThat(issued(result).scopes()).containsExactlyInAnyOrder("orders:read", "orders:refund");
  }

  @Test
  void issuedTokenNamesTheActingAgentInAct() throws Exception {
    var token = issued(exchange.exchange(hop(alice, "support", "orders", null))).accessToken();

    assertThat(SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("act"))
        .isEqualTo(Map.of("sub", "agent:support"));
  }

  @Test
  void nextHopNestsThePreviousActorInsideTheNewOne() throws Exception {
    var first = issued(exchange.exchange(hop(alice, "support", "orders", null))).accessToken();

    var second = issued(exchange.exchange(hop(first, "orders", "billing", null))).accessToken();

    assertThat(SignedJWT.parse(second).getJWTClaimsSet().getJSONObjectClaim("act"))
        .isEqualTo(Map.of("sub", "agent:orders", "act", Map.of("sub", "agent:support")));
    assertThat(exchange.verify(second, "billing").envelope().chain())
        .containsExactly(
            Principal.user("alice"), Principal.agent("support"), Principal.agent("orders"));
  }

  @Test
  void scopesOnlyShrinkFromHopToHop() {
    var first =
        issued(exchange.exchange(hop(alice, "support", "orders", "orders:read"))).accessToken();

    var second =
        exchange.exchange(
            hop(first, "orders", "billing", "orders:read orders:refund invoices:read"));

    assertThat(issued(second).scopes()).containsExactly("orders:read");
  }

  @Test
  void answerHasTheRfc8693ResponseShape() throws Exception {
    var result = exchange.exchange(hop(alice, "support", "orders", "orders:read"));

    var body = JSONObjectUtils.parse(result.bodyJson());
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(body)
        .containsEntry("issued_token_type", ACCESS_TOKEN)
        .containsEntry("token_type", "Bearer")
        .containsEntry("expires_in", 300L)
        .containsEntry("scope", "orders:read")
        .containsKey("access_token");
  }

  @Test
  void issuedTokenDoesNotOutliveTheSubjectToken() {
    var brief = users.mint("alice", ACME, Set.of("orders:read"), "colony", Duration.ofMinutes(2));

    assertThat(issued(exchange.exchange(hop(brief, "support", "orders", null))).expiresIn())
        .isEqualTo(120);
  }

  @Test
  void requestedJwtTypeIsIssuedAsJwt() {
    var form = hop(alice, "support", "orders", null);
    form.put("requested_token_type", List.of(JWT));

    assertThat(issued(exchange.exchange(form)).issuedTokenType()).isEqualTo(JWT);
  }

  @Test
  void missingSubjectTokenIsAnInvalidRequest() {
    var form = hop(alice, "support", "orders", null);
    form.remove("subject_token");

    assertRefused(exchange.exchange(form), "invalid_request", "subject_token");
  }

  @Test
  void unsupportedSubjectTokenTypeIsAnInvalidRequest() {
    var form = hop(alice, "support", "orders", null);
    form.put("subject_token_type", List.of("urn:ietf:params:oauth:token-type:saml2"));

    assertRefused(exchange.exchange(form), "invalid_request", "unsupported subject_token_type");
  }

  @Test
  void unknownAudienceIsAnInvalidTarget() {
    assertRefused(
        exchange.exchange(hop(alice, "support", "payroll", null)), "invalid_target", "'payroll'");
  }

  @Test
  void missingAudienceIsAnInvalidRequest() {
    var form = hop(alice, "support", "orders", null);
    form.remove("audience");

    assertRefused(exchange.exchange(form), "invalid_request", "audience");
  }

  @Test
  void anotherGrantTypeIsUnsupported() {
    var form = hop(alice, "support", "orders", null);
    form.put("grant_type", List.of("client_credentials"));

    assertRefused(exchange.exchange(form), "unsupported_grant_type", "client_credentials");
  }

  @Test
  void noScopeInCommonIsAnInvalidScope() {
    assertRefused(
        exchange.exchange(hop(alice, "support", "orders", "tickets:write")),
        "invalid_scope",
        "allowed for audience 'orders'");
  }

  @Test
  void repeatedParameterIsAnInvalidRequest() {
    var form = hop(alice, "support", "orders", null);
    form.put("scope", List.of("orders:read", "orders:refund"));

    assertRefused(exchange.exchange(form), "invalid_request", "more than once");
  }

  @Test
  void parameterWithoutAValueIsAnInvalidRequest() {
    var form = hop(alice, "support", "orders", null);
    form.put("scope", null);

    assertRefused(exchange.exchange(form), "invalid_request", "'scope'");
  }

  @Test
  void subjectTokenThatIsNoJwtIsAnInvalidRequest() {
    assertRefused(
        exchange.exchange(hop("opaque-token", "support", "orders", null)),
        "invalid_request",
        "subject_token: malformed");
  }

  @Test
  void subjectTokenOfAnUntrustedIssuerIsAnInvalidRequest() {
    var stranger = DevelopmentIssuer.create(keys, URI.create("http://127.0.0.1:9999/elsewhere"));
    var token = stranger.mint("alice", ACME, Set.of("orders:read"), "colony", Duration.ofHours(1));

    assertRefused(
        exchange.exchange(hop(token, "support", "orders", null)), "invalid_request", "not trusted");
  }

  @Test
  void expiredSubjectTokenIsAnInvalidRequest() {
    var brief = users.mint("alice", ACME, Set.of("orders:read"), "colony", Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(2));

    assertRefused(
        exchange.exchange(hop(brief, "support", "orders", null)), "invalid_request", "expired");
  }

  @Test
  void issuedTokenCannotBeExchangedWithoutAnActor() {
    var first = issued(exchange.exchange(hop(alice, "support", "orders", null))).accessToken();
    var form = hop(first, "orders", "billing", null);
    form.remove("actor_token");
    form.remove("actor_token_type");

    assertRefused(exchange.exchange(form), "invalid_request", "actor_token is required");
  }

  @Test
  void issuedTokenCannotBeExchangedByAnAgentItWasNotIssuedTo() {
    var first = issued(exchange.exchange(hop(alice, "support", "orders", null))).accessToken();

    assertRefused(
        exchange.exchange(hop(first, "billing", "orders", null)),
        "invalid_request",
        "expected audience 'billing', found 'orders'");
  }

  @Test
  void revokedAgentCannotExchange() {
    var form = hop(alice, "support", "orders", null);
    keys.revoke(Principal.agent("support"));

    assertRefused(exchange.exchange(form), "invalid_request", "revoked");
  }

  @Test
  void exchangeWhoseOwnKeyWasRevokedAnswersWithAServerError() {
    var form = hop(alice, "support", "orders", null);
    keys.revoke(TokenExchange.KEY_OWNER);

    var result = exchange.exchange(form);

    assertRefused(result, "server_error", "cannot sign");
    assertThat(result.httpStatus()).isEqualTo(500);
  }

  @Test
  void errorAnswerHasTheRfc6749ErrorShape() throws Exception {
    var result = exchange.exchange(hop(alice, "support", "payroll", null));

    var body = JSONObjectUtils.parse(result.bodyJson());
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(body).containsOnlyKeys("error", "error_description");
    assertThat(body).containsEntry("error", "invalid_target");
  }

  @Test
  void issuedTokenIsRefusedForAnotherAudience() {
    var token = issued(exchange.exchange(hop(alice, "support", "orders", null))).accessToken();

    assertThatThrownBy(() -> exchange.verify(token, "billing"))
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).isEqualTo("audience"));
  }

  /** The form an agent sends to exchange {@code subjectToken} for a token for {@code audience}. */
  private Map<String, List<String>> hop(
      String subjectToken, String actor, String audience, String scope) {
    var form = new LinkedHashMap<String, List<String>>();
    form.put("grant_type", List.of(TokenExchange.GRANT_TYPE));
    form.put("subject_token", List.of(subjectToken));
    form.put("subject_token_type", List.of(ACCESS_TOKEN));
    form.put("actor_token", List.of(exchange.actorToken(actor)));
    form.put("actor_token_type", List.of(JWT));
    form.put("audience", List.of(audience));
    if (scope != null) {
      form.put("scope", List.of(scope));
    }
    return form;
  }

  private static ExchangeResult.Issued issued(ExchangeResult result) {
    assertThat(result).as(result.bodyJson()).isInstanceOf(ExchangeResult.Issued.class);
    return (ExchangeResult.Issued) result;
  }

  private static void assertRefused(ExchangeResult result, String error, String detail) {
    assertThat(result)
        .isInstanceOfSatisfying(
            ExchangeResult.Refused.class,
            refused -> {
              assertThat(refused.error()).isEqualTo(error);
              assertThat(refused.description()).contains(detail);
            });
  }
}
