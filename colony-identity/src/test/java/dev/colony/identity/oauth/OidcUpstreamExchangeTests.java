package dev.colony.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.identity.KeyRing;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Token exchange with a real OIDC server (mock-oauth2-server, on loopback) as the user's issuer.
 */
class OidcUpstreamExchangeTests {
  private static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  private static MockOAuth2Server server;

  private final KeyRing keys = KeyRing.inMemory();

  @BeforeAll
  static void startServer() throws Exception {
    server = new MockOAuth2Server();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterAll
  static void stopServer() {
    server.shutdown();
  }

  @Test
  void usersTokenFromTheOidcIssuerIsExchangedForANarrowerOneNamingTheAgent() {
    keys.enroll(Principal.agent("support"));
    var issuer = URI.create(server.issuerUrl("users").toString());
    var exchange =
        TokenExchange.builder(keys, URI.create("https://colony.example/token"))
            .upstream(BearerTokens.builder(issuer, "colony").build())
            .audience("orders", Set.of("orders:read"))
            .build();
    var userToken =
        server
            .issueToken(
                "users",
                "alice",
                "colony",
                Map.of("tenant", "acme", "scope", "orders:read orders:refund profile"),
                300)
            .serialize();

    var result =
        exchange.exchange(
            Map.of(
                "grant_type", List.of(TokenExchange.GRANT_TYPE),
                "subject_token", List.of(userToken),
                "subject_token_type", List.of(ACCESS_TOKEN),
                "actor_token", List.of(exchange.actorToken("support")),
                "actor_token_type", List.of("urn:ietf:params:oauth:token-type:jwt"),
                "audience", List.of("orders"),
                "scope", List.of("orders:read orders:refund admin")));

    assertThat(result).isInstanceOf(ExchangeResult.Issued.class);
    var identity = exchange.verify(((ExchangeResult.Issued) result).accessToken(), "orders");
    assertThat(identity.subject()).isEqualTo(Principal.user("alice"));
    assertThat(identity.tenant()).isEqualTo(TenantId.of("acme"));
    assertThat(identity.scopes()).containsExactly("orders:read");
    assertThat(identity.actors()).containsExactly(Principal.agent("support"));
  }
}
