package dev.colony.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyRingTests {
  private final TestClock clock = TestClock.atNewYear();
  private final InMemoryKeyVault vault = new InMemoryKeyVault();
  private final KeyRing keys = KeyRing.builder(vault).clock(clock).build();
  private final Principal support = Principal.agent("support");
  private final Principal orders = Principal.agent("orders");

  @Test
  void jwksServesPublicKeysOnly() throws Exception {
    keys.enroll(support);
    keys.enroll(orders);
    keys.enroll(Principal.service("approvals"));

    var json = keys.jwks();
    var set = JWKSet.parse(json);

    assertThat(set.getKeys()).hasSize(3);
    assertThat(set.getKeys()).noneMatch(key -> key.isPrivate());
    assertThat(set.containsNonPublicKeys()).isFalse();
    assertThat(json).doesNotContain("\"d\"");
    assertThat(set.getKeys())
        .allSatisfy(
            key -> {
              assertThat(key.getAlgorithm().getName()).isEqualTo("ES256");
              assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
            });
  }

  @Test
  void everyAgentHasItsOwnKey() {
    var supportKid = keys.enroll(support);
    var ordersKid = keys.enroll(orders);

    assertThat(supportKid).startsWith("support-").isNotEqualTo(ordersKid);
    assertThat(keys.enroll(support)).isEqualTo(supportKid);
  }

  @Test
  void rotationServesBothKeysDuringGraceAndOnlyTheNewOneAfter() throws Exception {
    var old = keys.enroll(support);
    var fresh = keys.rotate(support);

    assertThat(keys.currentKeyId(support)).contains(fresh);
    assertThat(kids()).containsExactlyInAnyOrder(old, fresh);

    clock.advance(Duration.ofMinutes(5));
    assertThat(kids()).containsExactly(fresh);
  }

  @Test
  void rotationDropsThePrivateHalfOfTheOldKey() {
    var old = keys.enroll(support);
    keys.rotate(support);

    assertThat(vault.find(old).orElseThrow().privateKey()).isNull();
  }

  @Test
  void revokedAgentsKeysAreWithdrawnFromTheJwks() throws Exception {
    keys.enroll(support);
    var ordersKid = keys.enroll(orders);

    keys.revoke(support);

    assertThat(kids()).containsExactly(ordersKid);
    assertThat(keys.isRevoked(support)).isTrue();
  }

  @Test
  void revokedAgentCannotEnrollOrRotate() {
    keys.enroll(support);
    keys.revoke(support);

    assertThatThrownBy(() -> keys.enroll(support))
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).isEqualTo("revoked"));
    assertThatThrownBy(() -> keys.rotate(support)).isInstanceOf(IdentityRejected.class);
  }

  @Test
  void reinstatingGivesANewKeyWhileTheOldOnesStayRevoked() {
    var old = keys.enroll(support);
    keys.revoke(support);

    var fresh = keys.reinstate(support);

    assertThat(fresh).isNotEqualTo(old);
    assertThat(keys.isRevoked(support)).isFalse();
    assertThat(vault.find(old).orElseThrow().revokedAt()).isNotNull();
  }

  @Test
  void graceShorterThanAnEnvelopeLifetimeIsRefused() {
    keys.enroll(support);

    assertThatThrownBy(() -> keys.rotate(support, Duration.ofSeconds(30)))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("at least 65 s");
  }

  @Test
  void keyRecordsNeverPrintKeyMaterial() {
    var kid = keys.enroll(support);
    var record = vault.find(kid).orElseThrow();

    assertThat(record.toString())
        .contains(kid)
        .doesNotContain(((ECPrivateKey) record.privateKey()).getS().toString(16))
        .doesNotContain(((ECPrivateKey) record.privateKey()).getS().toString())
        .doesNotContain("private");
  }

  @Test
  void signingWithoutAKeyIsRefused() {
    assertThatThrownBy(
            () ->
                keys.sign(
                    support,
                    com.nimbusds.jose.JOSEObjectType.JWT,
                    new com.nimbusds.jwt.JWTClaimsSet.Builder().build()))
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).isEqualTo("key"));
  }

  private java.util.List<String> kids() throws Exception {
    return JWKSet.parse(keys.jwks()).getKeys().stream().map(key -> key.getKeyID()).toList();
  }
}
