package dev.colony.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.sun.net.httpserver.HttpServer;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.InMemoryKeyVault;
import dev.colony.identity.KeyRing;
import dev.colony.identity.TestClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DevelopmentIssuerTests {
  private static final URI ISSUER = URI.create("http://127.0.0.1:8080/dev");
  private final TestClock clock = TestClock.atNewYear();
  private final KeyRing keys = KeyRing.builder(new InMemoryKeyVault()).clock(clock).build();
  private final DevelopmentIssuer issuer = DevelopmentIssuer.create(keys, ISSUER);

  @Test
  void mintedTokenVerifiesAsTheLocalUser() {
    var token =
        issuer.mint("me", TenantId.DEFAULT, Set.of("runs:write"), "colony", Duration.ofHours(8));

    var identity = issuer.bearerTokens("colony").verify(token);

    assertThat(identity.subject()).isEqualTo(Principal.user("me"));
    assertThat(identity.tenant()).isEqualTo(TenantId.DEFAULT);
    assertThat(identity.scopes()).containsExactly("runs:write");
  }

  @Test
  void mintedTokenExpires() {
    var token = issuer.mint("me", TenantId.DEFAULT, Set.of(), "colony", Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(6));

    assertThatThrownBy(() -> issuer.bearerTokens("colony").verify(token))
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).isEqualTo("expired"));
  }

  @Test
  void jwksHoldsOnlyTheIssuersPublicKey() throws Exception {
    keys.enroll(Principal.agent("support"));

    var set = JWKSet.parse(issuer.jwks());

    assertThat(set.getKeys()).hasSize(1);
    assertThat(set.getKeys().getFirst().getKeyID()).startsWith("dev-issuer-");
    assertThat(set.containsNonPublicKeys()).isFalse();
  }

  @Test
  void metadataIsOpenIdProviderMetadataNamingTheIssuerAndItsKeys() throws Exception {
    var jwksUri = URI.create(ISSUER + "/jwks.json");

    var metadata = OIDCProviderMetadata.parse(issuer.metadata(jwksUri));

    assertThat(metadata.getIssuer().getValue()).isEqualTo(ISSUER.toString());
    assertThat(metadata.getJWKSetURI()).isEqualTo(jwksUri);
  }

  @Test
  void tokensVerifyThroughDiscoveryWhenTheIssuerIsServedOverHttp() throws Exception {
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    try {
      var base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dev");
      var served = DevelopmentIssuer.create(keys, base);
      var jwksUri = URI.create(base + "/jwks.json");
      serve(server, "/dev/.well-known/openid-configuration", served.metadata(jwksUri));
      serve(server, "/dev/jwks.json", served.jwks());
      server.start();
      var verifier = BearerTokens.builder(base, "colony").clock(clock).build();

      var token =
          served.mint("me", TenantId.DEFAULT, Set.of("runs:read"), "colony", Duration.ofHours(1));

      assertThat(verifier.verify(token).subject().id()).isEqualTo("me");
    } finally {
      server.stop(0);
    }
  }

  private static void serve(HttpServer server, String path, String json) {
    server.createContext(
        path,
        exchange -> {
          var body = json.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
  }
}
