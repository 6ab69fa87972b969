package dev.colony.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.ColonyException;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.TestClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real OAuth 2 / OIDC server (mock-oauth2-server) on loopback. */
class BearerTokensTests {
  private static final String ISSUER_ID = "users";
  private static final String AUDIENCE = "colony";
  private static MockOAuth2Server server;
  private static MockOAuth2Server otherServer;

  private final BearerTokens bearerTokens = BearerTokens.builder(issuer(), AUDIENCE).build();

  @BeforeAll
  static void startServers() throws Exception {
    server = new MockOAuth2Server();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    // The mock server signs with keys bundled in its jar unless it is given others: the second
    // server generates its own, so its tokens are forgeries for the first server's issuer.
    var ownKeys = new OAuth2TokenProvider(new KeyProvider(List.of()));
    otherServer =
        new MockOAuth2Server(
            new OAuth2Config(
                false, null, null, false, ownKeys, Set.of(), new MockWebServerWrapper(null)));
    otherServer.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterAll
  static void stopServers() {
    server.shutdown();
    otherServer.shutdown();
  }

  @Test
  void validTokenIsAcceptedAsTheUserItWasIssuedFor() {
    var token = issue(Map.of("tenant", "acme", "scope", "orders:read tickets:write"));

    var identity = bearerTokens.verify(token);

    assertThat(identity.subject()).isEqualTo(Principal.user("alice"));
    assertThat(identity.tenant()).isEqualTo(TenantId.of("acme"));
    assertThat(identity.scopes()).containsExactlyInAnyOrder("orders:read", "tickets:write");
    assertThat(identity.issuer()).isEqualTo(issuer().toString());
    assertThat(identity.envelope().chain()).containsExactly(Principal.user("alice"));
  }

  @Test
  void tokenOfAnotherIssuerIsRefused() {
    var token =
        server.issueToken("admins", "alice", AUDIENCE, Map.of("tenant", "acme"), 300).serialize();

    assertRefused(() -> bearerTokens.verify(token), "issuer");
  }

  @Test
  void tokenForAnotherAudienceIsRefused() {
    var token =
        server
            .issueToken(ISSUER_ID, "alice", "someone-else", Map.of("tenant", "acme"), 300)
            .serialize();

    assertRefused(() -> bearerTokens.verify(token), "audience");
  }

  @Test
  void expiredTokenIsRefused() {
    var later = new TestClock(Instant.now().plus(Duration.ofMinutes(10)));
    var verifier = BearerTokens.builder(issuer(), AUDIENCE).clock(later).build();

    assertRefused(() -> verifier.verify(issue(Map.of("tenant", "acme"))), "expired");
  }

  @Test
  void tokenUsedBeforeItWasIssuedIsRefused() {
    var earlier = new TestClock(Instant.now().minus(Duration.ofMinutes(10)));
    var verifier = BearerTokens.builder(issuer(), AUDIENCE).clock(earlier).build();

    assertRefused(() -> verifier.verify(issue(Map.of("tenant", "acme"))), "not-yet-valid");
  }

  @Test
  void tokenSignedByAnotherServerInTheIssuersNameIsRefused() {
    var forged =
        otherServer
            .anyToken(
                server.issuerUrl(ISSUER_ID),
                Map.of("sub", "alice", "aud", AUDIENCE, "tenant", "acme"),
                Duration.ofMinutes(5))
            .serialize();

    assertRefused(() -> bearerTokens.verify(forged), "signature");
  }

  @Test
  void tokenWithATamperedPayloadIsRefused() throws Exception {
    var parts = com.nimbusds.jwt.SignedJWT.parse(issue(Map.of("tenant", "acme"))).getParsedParts();
    var payload = parts[1].decodeToString().replace("\"acme\"", "\"globex\"");
    var tampered =
        parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode(payload) + "." + parts[2];

    assertRefused(() -> bearerTokens.verify(tampered), "signature");
  }

  @Test
  void tokenWithoutATenantIsRefused() {
    assertRefused(() -> bearerTokens.verify(issue(Map.of())), "tenant");
  }

  @Test
  void tokenWithoutATenantGetsTheDefaultTenantWhenOneIsConfigured() {
    var verifier = BearerTokens.builder(issuer(), AUDIENCE).defaultTenant(TenantId.DEFAULT).build();

    assertThat(verifier.verify(issue(Map.of())).tenant()).isEqualTo(TenantId.DEFAULT);
  }

  @Test
  void tenantIsReadFromAConfiguredClaim() {
    var verifier = BearerTokens.builder(issuer(), AUDIENCE).tenantClaim("org").build();

    assertThat(verifier.verify(issue(Map.of("org", "globex"))).tenant())
        .isEqualTo(TenantId.of("globex"));
  }

  @Test
  void scopesAreReadFromAnScpArray() {
    var token = issue(Map.of("tenant", "acme", "scp", List.of("orders:read", "orders:write")));

    assertThat(bearerTokens.verify(token).scopes())
        .containsExactlyInAnyOrder("orders:read", "orders:write");
  }

  @Test
  void nestedActClaimIsReadAsTheChainOfActors() {
    var act = Map.of("sub", "agent:orders", "act", Map.of("sub", "agent:support"));
    var token = issue(Map.of("tenant", "acme", "act", act));

    var identity = bearerTokens.verify(token);

    assertThat(identity.actors())
        .containsExactly(Principal.agent("support"), Principal.agent("orders"));
    assertThat(identity.envelope().actor()).isEqualTo(Principal.agent("orders"));
  }

  @Test
  void keysCanBeGivenWithoutDiscovery() {
    var verifier =
        BearerTokens.builder(issuer(), AUDIENCE)
            .jwksUri(URI.create(server.jwksUrl(ISSUER_ID).toString()))
            .build();

    assertThat(verifier.verify(issue(Map.of("tenant", "acme"))).subject().id()).isEqualTo("alice");
  }

  @Test
  void textThatIsNoJwtIsRefusedAsMalformed() {
    assertRefused(() -> bearerTokens.verify("Bearer abc"), "malformed");
  }

  @Test
  void unreachableIssuerIsAnErrorButNotARefusal() throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    var gone = URI.create("http://127.0.0.1:" + port + "/" + ISSUER_ID);
    var verifier = BearerTokens.builder(gone, AUDIENCE).build();
    var token =
        server
            .anyToken(
                okhttp3.HttpUrl.get(gone.toString()),
                Map.of("sub", "alice", "aud", AUDIENCE, "tenant", "acme"),
                Duration.ofMinutes(5))
            .serialize();

    assertThatThrownBy(() -> verifier.verify(token))
        .isInstanceOf(ColonyException.class)
        .isNotInstanceOf(IdentityRejected.class)
        .hasMessageContaining("cannot read the OpenID provider metadata");
  }

  @Test
  void symmetricAlgorithmsCannotBeAccepted() {
    assertThatThrownBy(() -> BearerTokens.builder(issuer(), AUDIENCE).algorithms(Set.of("HS256")))
        .isInstanceOf(dev.colony.core.InvalidInput.class);
  }

  private static URI issuer() {
    return URI.create(server.issuerUrl(ISSUER_ID).toString());
  }

  private static String issue(Map<String, Object> claims) {
    return server.issueToken(ISSUER_ID, "alice", AUDIENCE, claims, 300).serialize();
  }

  private static void assertRefused(ThrowingCallable call, String check) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(check));
  }
}
