package dev.colony.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
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
        .allSatisfy(key -> assertThat(key.getKeyUse().identifier()).isEqualTo("sig"));
  }

  @Test
  void agentsKeysAreEd25519AndTheNodeServicesKeysEs256() throws Exception {
    var supportKid = keys.enroll(support);
    var approvalsKid = keys.enroll(Principal.service("approvals"));

    var set = JWKSet.parse(keys.jwks());

    var agentKey = set.getKeyByKeyId(supportKid);
    assertThat(agentKey).isInstanceOf(OctetKeyPair.class);
    assertThat(agentKey.getKeyType()).isEqualTo(KeyType.OKP);
    assertThat(((OctetKeyPair) agentKey).getCurve()).isEqualTo(Curve.Ed25519);
    assertThat(agentKey.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    var serviceKey = set.getKeyByKeyId(approvalsKid);
    assertThat(serviceKey.getKeyType()).isEqualTo(KeyType.EC);
    assertThat(((ECKey) serviceKey).getCurve()).isEqualTo(Curve.P_256);
    assertThat(serviceKey.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
  }

  @Test
  void anAgentSignsEdDsaAndAServiceEs256() throws Exception {
    keys.enroll(support);
    var approvals = Principal.service("approvals");
    keys.enroll(approvals);

    var byAgent = SignedJWT.parse(keys.sign(support, JOSEObjectType.JWT, claims()));
    var byService = SignedJWT.parse(keys.sign(approvals, JOSEObjectType.JWT, claims()));

    assertThat(byAgent.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    assertThat(byService.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    keys.verify(byAgent, support, "test token");
    keys.verify(byService, approvals, "test token");
  }

  @Test
  void anAgentsSignatureVerifiesWithTheJdksEd25519AndTheKeyFromTheJwks() throws Exception {
    var kid = keys.enroll(support);
    var jws = SignedJWT.parse(keys.sign(support, JOSEObjectType.JWT, claims()));

    var jwk = (OctetKeyPair) JWKSet.parse(keys.jwks()).getKeyByKeyId(kid);
    var signature = Signature.getInstance("Ed25519");
    signature.initVerify(JdkEd25519.publicKey(jwk.getDecodedX()));
    signature.update(jws.getSigningInput());

    assertThat(signature.verify(jws.getSignature().decode())).isTrue();
  }

  @Test
  void aJwsSignedByTheJdksEd25519WithAnAgentsKeyVerifies() throws Exception {
    var kid = keys.enroll(support);
    var header = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build();
    var jws = new SignedJWT(header, claims());

    jws.sign(new JdkEd25519(vault.find(kid).orElseThrow().privateKey()));

    keys.verify(SignedJWT.parse(jws.serialize()), support, "test token");
  }

  @Test
  void aJwsWhoseAlgIsNotItsKeysIsRefused() throws Exception {
    var kid = keys.enroll(support);
    var header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build();
    var jws = new SignedJWT(header, claims());
    jws.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));

    assertThatThrownBy(() -> keys.verify(SignedJWT.parse(jws.serialize()), support, "test token"))
        .isInstanceOfSatisfying(
            IdentityRejected.class,
            e -> {
              assertThat(e.check()).isEqualTo("signature");
              assertThat(e.getMessage()).contains("ES256", kid, "EdDSA");
            });
  }

  @Test
  void anAgentWithAnEs256KeyGetsAnEd25519KeyWhenEnrolledAndTheOldOneVerifiesDuringGrace()
      throws Exception {
    var old = Es256Keys.save(vault, support, clock.instant());
    var signedBefore = Es256Keys.sign(vault.find(old).orElseThrow(), claims());

    var fresh = keys.enroll(support);

    assertThat(fresh).isNotEqualTo(old);
    assertThat(vault.find(fresh).orElseThrow().algorithm()).isEqualTo("EdDSA");
    assertThat(vault.find(old).orElseThrow().privateKey()).isNull();
    assertThat(keys.enroll(support)).isEqualTo(fresh);
    assertThat(kids()).containsExactlyInAnyOrder(old, fresh);
    keys.verify(signedBefore, support, "test token");

    clock.advance(Duration.ofMinutes(5));
    assertThat(kids()).containsExactly(fresh);
    assertThatThrownBy(() -> keys.verify(signedBefore, support, "test token"))
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).isEqualTo("key"));
  }

  @Test
  void aServiceKeepsItsEs256Key() {
    var approvals = Principal.service("approvals");
    var kid = keys.enroll(approvals);

    assertThat(keys.enroll(approvals)).isEqualTo(kid);
    assertThat(vault.find(kid).orElseThrow().algorithm()).isEqualTo("ES256");
  }

  @Test
  void aKeyRecordWhoseKeysAreNotOfItsAlgorithmIsRefused() {
    var kid = keys.enroll(support);
    var ed25519 = vault.find(kid).orElseThrow();

    assertThatThrownBy(
            () ->
                new KeyRecord(
                    "x", support, "ES256", ed25519.publicKey(), null, clock.instant(), null, null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("key 'x'")
        .hasMessageContaining("is not a valid ES256 key");
    assertThatThrownBy(
            () ->
                new KeyRecord(
                    "y", support, "RS256", ed25519.publicKey(), null, clock.instant(), null, null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("'RS256' is not one Colony signs with [ES256, EdDSA]");
  }

  @Test
  void aKeyRecordWithAnEd25519PublicKeyOffTheCurvesSubgroupIsRefused() throws Exception {
    var neutral = new byte[32];
    neutral[0] = 1; // y = 1, x = 0: the neutral element

    assertThatThrownBy(
            () ->
                new KeyRecord(
                    "z",
                    support,
                    "EdDSA",
                    JdkEd25519.publicKey(neutral),
                    null,
                    clock.instant(),
                    null,
                    null))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("key 'z'")
        .hasMessageContaining("is not a valid EdDSA key");
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

    var seed = ((EdECPrivateKey) record.privateKey()).getBytes().orElseThrow();

    assertThat(record.toString())
        .contains(kid)
        .doesNotContain(HexFormat.of().formatHex(seed))
        .doesNotContain(Base64.getEncoder().encodeToString(seed))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(seed))
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

  private static JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder().subject("x").build();
  }

  private java.util.List<String> kids() throws Exception {
    return JWKSet.parse(keys.jwks()).getKeys().stream().map(key -> key.getKeyID()).toList();
  }
}
