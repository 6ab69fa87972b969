package dev.colony.identity.hop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.Envelope;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.TenantId;
import dev.colony.core.TraceContext;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.Es256Keys;
import dev.colony.identity.InMemoryKeyVault;
import dev.colony.identity.JdkEd25519;
import dev.colony.identity.KeyRing;
import dev.colony.identity.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SealedHopsTests {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final String BODY = "ab".repeat(32);
  private static final Map<String, TenantId> TENANTS =
      Map.of("support", ACME, "orders", ACME, "billing", GLOBEX);

  private final TestClock clock = TestClock.atNewYear();
  private final InMemoryKeyVault vault = new InMemoryKeyVault();
  private final KeyRing keys = KeyRing.builder(vault).clock(clock).build();
  private final SkillAccess skills =
      (caller, receiver, skill) ->
          Set.of("support>orders:order-lookup", "support>billing:invoice")
              .contains(caller + ">" + receiver + ":" + skill);
  private final SealedHops hops =
      SealedHops.builder(keys, name -> Optional.ofNullable(TENANTS.get(name)), skills).build();
  private final TraceContext trace =
      new TraceContext("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331");
  private final Envelope envelope =
      new Envelope(
          ACME,
          List.of(Principal.user("alice"), Principal.agent("support")),
          Set.of("orders:read", "tickets:write"),
          trace,
          Instant.parse("2026-01-01T00:10:00Z"));

  SealedHopsTests() {
    keys.enroll(Principal.agent("support"));
    keys.enroll(Principal.agent("orders"));
    keys.enroll(Principal.agent("rogue"));
  }

  @Test
  void sealedHopOpensToTheEnvelopeItCarries() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);

    assertThat(hops.open(sealed, "orders", BODY)).isEqualTo(envelope);
  }

  @Test
  void hopSignedByAnotherKeyUnderTheCallersKeyIdIsRefused() throws Exception {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    var genuine = SignedJWT.parse(sealed);
    var forged = new SignedJWT(genuine.getHeader(), genuine.getJWTClaimsSet());
    forged.sign(JdkEd25519.withNewKey());

    assertRefused(() -> hops.open(forged.serialize(), "orders", BODY), "signature");
  }

  @Test
  void sealedHopIsAnEdDsaJwsUnderTheCallersKey() throws Exception {
    var header = SignedJWT.parse(hops.seal(envelope, "orders", "order-lookup", BODY)).getHeader();

    assertThat(header.getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    assertThat(header.getKeyID()).isEqualTo(keys.currentKeyId(Principal.agent("support")).get());
    assertThat(header.getType()).isEqualTo(SealedHops.TYPE);
  }

  @Test
  void hopWhoseAlgIsNotThatOfItsKeyIsRefused() throws Exception {
    var genuine = SignedJWT.parse(hops.seal(envelope, "orders", "order-lookup", BODY));
    var header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(genuine.getHeader().getKeyID())
            .type(SealedHops.TYPE)
            .build();
    var forged = new SignedJWT(header, genuine.getJWTClaimsSet());
    forged.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));

    assertRefused(() -> hops.open(forged.serialize(), "orders", BODY), "signature");
  }

  @Test
  void hopWithACriticalHeaderParameterIsRefused() throws Exception {
    var genuine = SignedJWT.parse(hops.seal(envelope, "orders", "order-lookup", BODY));
    var header =
        new JWSHeader.Builder(JWSAlgorithm.EdDSA)
            .keyID(genuine.getHeader().getKeyID())
            .type(SealedHops.TYPE)
            .criticalParams(Set.of("colony-unknown"))
            .customParam("colony-unknown", true)
            .build();
    var withCrit = new SignedJWT(header, genuine.getJWTClaimsSet());
    withCrit.sign(new JdkEd25519(vault.find(header.getKeyID()).orElseThrow().privateKey()));

    assertRefused(() -> hops.open(withCrit.serialize(), "orders", BODY), "signature");
  }

  @Test
  void hopSealedWithAnAgentsEs256KeyFromAnOlderVaultOpensUntilTheAgentIsEnrolledAgain()
      throws Exception {
    var olderVault = new InMemoryKeyVault();
    var olderKeys = KeyRing.builder(olderVault).clock(clock).build();
    Es256Keys.save(olderVault, Principal.agent("support"), clock.instant());
    var olderHops =
        SealedHops.builder(olderKeys, name -> Optional.ofNullable(TENANTS.get(name)), skills)
            .build();
    var sealedBefore = olderHops.seal(envelope, "orders", "order-lookup", BODY);
    assertThat(SignedJWT.parse(sealedBefore).getHeader().getAlgorithm())
        .isEqualTo(JWSAlgorithm.ES256);

    olderKeys.enroll(Principal.agent("support"));
    var sealedAfter = olderHops.seal(envelope, "orders", "order-lookup", BODY);

    assertThat(olderHops.open(sealedBefore, "orders", BODY)).isEqualTo(envelope);
    assertThat(SignedJWT.parse(sealedAfter).getHeader().getAlgorithm())
        .isEqualTo(JWSAlgorithm.EdDSA);
    assertThat(olderHops.open(sealedAfter, "orders", BODY)).isEqualTo(envelope);
  }

  @Test
  void hopWithATamperedPayloadIsRefused() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    var tampered = tamper(sealed, claims -> withClaim(claims, "scopes", List.of("orders:*")));

    assertRefused(() -> hops.open(tampered, "orders", BODY), "signature");
  }

  @Test
  void hopSignedWithASharedSecretIsRefused() throws Exception {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    var genuine = SignedJWT.parse(sealed);
    var header =
        new JWSHeader.Builder(JWSAlgorithm.HS256)
            .keyID(genuine.getHeader().getKeyID())
            .type(SealedHops.TYPE)
            .build();
    var forged = new SignedJWT(header, genuine.getJWTClaimsSet());
    forged.sign(
        new MACSigner("a shared secret of at least 256 bits!!".getBytes(StandardCharsets.UTF_8)));

    assertRefused(() -> hops.open(forged.serialize(), "orders", BODY), "signature");
  }

  @Test
  void hopFromAKeyThisNodeDoesNotKnowIsRefused() {
    var elsewhere = KeyRing.builder(new InMemoryKeyVault()).clock(clock).build();
    elsewhere.enroll(Principal.agent("support"));
    var sealed =
        SealedHops.builder(elsewhere, name -> Optional.of(ACME), skills)
            .build()
            .seal(envelope, "orders", "order-lookup", BODY);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "signature");
  }

  @Test
  void hopSignedByOneAgentClaimingToBeAnotherIsRefused() throws Exception {
    var genuine = claimsOf(hops.seal(envelope, "orders", "order-lookup", BODY));
    var sealed = keys.sign(Principal.agent("rogue"), SealedHops.TYPE, genuine);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "key");
  }

  @Test
  void hopOfARevokedAgentIsRefusedEvenWhenSealedBeforeTheRevocation() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);

    keys.revoke(Principal.agent("support"));

    assertRefused(() -> hops.open(sealed, "orders", BODY), "revoked");
  }

  @Test
  void revokedAgentCannotSeal() {
    keys.revoke(Principal.agent("support"));

    assertRefused(() -> hops.seal(envelope, "orders", "order-lookup", BODY), "revoked");
  }

  @Test
  void hopSealedBeforeARotationOpensDuringTheGracePeriod() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    keys.rotate(Principal.agent("support"));
    clock.advance(Duration.ofSeconds(20));

    assertThat(hops.open(sealed, "orders", BODY)).isEqualTo(envelope);
    assertThat(hops.open(hops.seal(envelope, "orders", "order-lookup", BODY), "orders", BODY))
        .isEqualTo(envelope);
  }

  @Test
  void hopSignedWithARetiredKeyIsRefused() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    keys.rotate(Principal.agent("support"));
    clock.advance(Duration.ofMinutes(5));

    assertRefused(() -> hops.open(sealed, "orders", BODY), "key");
  }

  @Test
  void hopForAnotherAgentIsRefused() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);

    assertRefused(() -> hops.open(sealed, "support", BODY), "audience");
  }

  @Test
  void hopIntoAnotherTenantIsRefused() {
    var sealed = hops.seal(envelope, "billing", "invoice", BODY);

    assertRefused(() -> hops.open(sealed, "billing", BODY), "tenant");
  }

  @Test
  void hopToAReceiverWithoutATenantIsRefused() {
    var sealed = hops.seal(envelope, "stranger", "order-lookup", BODY);

    assertRefused(() -> hops.open(sealed, "stranger", BODY), "tenant");
  }

  @Test
  void hopAskingForASkillTheCallerMayNotUseIsRefused() {
    var sealed = hops.seal(envelope, "orders", "refund", BODY);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "skill");
  }

  @Test
  void expiredHopIsRefused() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    clock.advance(Duration.ofSeconds(36));

    assertRefused(() -> hops.open(sealed, "orders", BODY), "expired");
  }

  @Test
  void hopJustPastItsExpiryOpensWithinTheClockSkew() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    clock.advance(Duration.ofSeconds(34));

    assertThat(hops.open(sealed, "orders", BODY)).isEqualTo(envelope);
  }

  @Test
  void hopIssuedInTheFutureIsRefused() {
    var ahead = new TestClock(clock.instant().plusSeconds(30));
    var sealed =
        SealedHops.builder(keys, name -> Optional.of(ACME), skills)
            .clock(ahead)
            .build()
            .seal(envelope, "orders", "order-lookup", BODY);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "not-yet-valid");
  }

  @Test
  void hopLivingLongerThanSixtySecondsIsRefused() throws Exception {
    var genuine = claimsOf(hops.seal(envelope, "orders", "order-lookup", BODY));
    var longLived =
        new JWTClaimsSet.Builder(genuine)
            .expirationTime(Date.from(genuine.getIssueTime().toInstant().plusSeconds(120)))
            .build();
    var sealed = keys.sign(Principal.agent("support"), SealedHops.TYPE, longLived);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "lifetime");
  }

  @Test
  void replayedHopIsRefused() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);
    hops.open(sealed, "orders", BODY);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "replayed");
  }

  @Test
  void hopWithAnotherBodyIsRefusedWithoutUsingUpTheNonce() {
    var sealed = hops.seal(envelope, "orders", "order-lookup", BODY);

    assertRefused(() -> hops.open(sealed, "orders", "cd".repeat(32)), "body");
    assertThat(hops.open(sealed, "orders", BODY)).isEqualTo(envelope);
  }

  @Test
  void textThatIsNoHopIsRefusedAsMalformed() {
    assertRefused(() -> hops.open("not.a.jws", "orders", BODY), "malformed");
    assertRefused(() -> hops.open("", "orders", BODY), "malformed");
  }

  @Test
  void tokenOfAnotherTypeIsRefusedAsMalformed() throws Exception {
    var genuine = claimsOf(hops.seal(envelope, "orders", "order-lookup", BODY));
    var approval =
        keys.sign(Principal.agent("support"), new com.nimbusds.jose.JOSEObjectType("JWT"), genuine);

    assertRefused(() -> hops.open(approval, "orders", BODY), "malformed");
  }

  @Test
  void hopWhoseChainDoesNotEndWithTheCallerIsRefusedAsMalformed() throws Exception {
    var genuine = claimsOf(hops.seal(envelope, "orders", "order-lookup", BODY));
    var inconsistent =
        new JWTClaimsSet.Builder(genuine)
            .claim("chain", List.of("user:alice", "agent:planner"))
            .build();
    var sealed = keys.sign(Principal.agent("support"), SealedHops.TYPE, inconsistent);

    assertRefused(() -> hops.open(sealed, "orders", BODY), "malformed");
  }

  @Test
  void onlyAnAgentCanSealAHop() {
    var userOnly = Envelope.of(ACME, Principal.user("alice"), Set.of());

    assertThatThrownBy(() -> hops.seal(userOnly, "orders", "order-lookup", BODY))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("user:alice");
  }

  @Test
  void lifetimeOverSixtySecondsCannotBeConfigured() {
    assertThatThrownBy(
            () ->
                SealedHops.builder(keys, name -> Optional.of(ACME), skills)
                    .lifetime(Duration.ofSeconds(61))
                    .build())
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("1 to 60 s");
  }

  private static JWTClaimsSet claimsOf(String sealed) throws Exception {
    return SignedJWT.parse(sealed).getJWTClaimsSet();
  }

  private static Map<String, Object> withClaim(
      Map<String, Object> claims, String name, Object value) {
    var changed = new java.util.LinkedHashMap<>(claims);
    changed.put(name, value);
    return changed;
  }

  /** The hop with its payload changed and its signature kept. */
  private static String tamper(String sealed, UnaryOperator<Map<String, Object>> change) {
    try {
      var parts = SignedJWT.parse(sealed).getParsedParts();
      var claims = change.apply(SignedJWT.parse(sealed).getJWTClaimsSet().toJSONObject());
      var payload = Base64URL.encode(JWTClaimsSet.parse(claims).toString());
      return parts[0] + "." + payload + "." + parts[2];
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRefused(ThrowingCallable call, String check) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(check));
  }
}
