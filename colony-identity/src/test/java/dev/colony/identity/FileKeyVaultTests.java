package dev.colony.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.ColonyException;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyVaultTests {
  @TempDir Path dir;

  @Test
  void keysSurviveANewProcessAndSignaturesStillVerify() throws Exception {
    var file = dir.resolve("keys.json");
    var agent = Principal.agent("payments");
    var first = KeyRing.builder(FileKeyVault.open(file)).build();
    var kid = first.enroll(agent);
    var signed =
        first.sign(agent, JOSEObjectType.JWT, new JWTClaimsSet.Builder().subject("x").build());

    var second = KeyRing.builder(FileKeyVault.open(file)).build();

    assertThat(second.enroll(agent)).isEqualTo(kid);
    second.verify(SignedJWT.parse(signed), agent, "test token");
  }

  @Test
  void anAgentsKeyIsStoredAsEd25519AndSignsEdDsaAfterARestart() throws Exception {
    var file = dir.resolve("keys.json");
    var agent = Principal.agent("payments");
    var kid = KeyRing.builder(FileKeyVault.open(file)).build().enroll(agent);

    var second = KeyRing.builder(FileKeyVault.open(file)).build();
    var signed =
        SignedJWT.parse(second.sign(agent, JOSEObjectType.JWT, new JWTClaimsSet.Builder().build()));

    assertThat(signed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
    assertThat(signed.getHeader().getKeyID()).isEqualTo(kid);
    assertThat(Files.readString(file)).contains("\"algorithm\" : \"EdDSA\"");
  }

  @Test
  void aKeyFileOfThePreviousVersionLoadsAndItsEs256KeysVerifyUntilTheyRetire() throws Exception {
    var clock = TestClock.atNewYear();
    var file = dir.resolve("keys.json");
    var agent = Principal.agent("support");
    var service = Principal.service("approvals");
    var agentKey = es256(agent, "support-00000000000000a1", clock);
    var serviceKey = es256(service, "approvals-00000000000000b2", clock);
    Files.writeString(file, previousVersionFile(agentKey, serviceKey));
    var claims = new JWTClaimsSet.Builder().subject("x").build();
    var signedByOldAgentKey = Es256Keys.sign(agentKey, claims);

    var keys = KeyRing.builder(FileKeyVault.open(file)).clock(clock).build();
    keys.verify(signedByOldAgentKey, agent, "hop sealed before the upgrade");
    var fresh = keys.enroll(agent);

    assertThat(fresh).isNotEqualTo(agentKey.kid());
    assertThat(keys.enroll(service)).isEqualTo(serviceKey.kid());
    keys.verify(signedByOldAgentKey, agent, "hop sealed before the upgrade");
    keys.verify(
        Es256Keys.sign(serviceKey, claims), service, "approval token signed before the upgrade");
    var jwks = JWKSet.parse(keys.jwks());
    assertThat(jwks.getKeyByKeyId(agentKey.kid()).getKeyType()).isEqualTo(KeyType.EC);
    assertThat(jwks.getKeyByKeyId(fresh).getKeyType()).isEqualTo(KeyType.OKP);
    assertThat(jwks.getKeyByKeyId(serviceKey.kid()).getKeyType()).isEqualTo(KeyType.EC);

    clock.advance(Duration.ofMinutes(5));
    var reopened = KeyRing.builder(FileKeyVault.open(file)).clock(clock).build();
    assertThatThrownBy(
            () -> reopened.verify(signedByOldAgentKey, agent, "hop sealed before the upgrade"))
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).isEqualTo("key"));
    assertThat(reopened.currentKeyId(agent)).contains(fresh);
  }

  @Test
  void aKeyFileWithAnAlgorithmColonyDoesNotSignWithFailsNamingTheFileAndTheKey() throws Exception {
    var file = dir.resolve("keys.json");
    var key = es256(Principal.agent("support"), "support-00000000000000a1", TestClock.atNewYear());
    Files.writeString(file, previousVersionFile(key).replace("\"ES256\"", "\"RS256\""));

    assertThatThrownBy(() -> FileKeyVault.open(file))
        .isInstanceOf(ColonyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("support-00000000000000a1")
        .hasMessageContaining("'RS256' is not one Colony signs with [ES256, EdDSA]");
  }

  @Test
  void aKeyFileWhoseKeyIsNotOfItsAlgorithmFailsNamingTheKey() throws Exception {
    var file = dir.resolve("keys.json");
    var key = es256(Principal.agent("support"), "support-00000000000000a1", TestClock.atNewYear());
    Files.writeString(file, previousVersionFile(key).replace("\"ES256\"", "\"EdDSA\""));

    assertThatThrownBy(() -> FileKeyVault.open(file))
        .isInstanceOf(ColonyException.class)
        .hasMessageContaining("key 'support-00000000000000a1'")
        .hasMessageContaining("the public key (EC) is not a valid EdDSA key");
  }

  @Test
  void theFileIsReadableByItsOwnerOnly() throws Exception {
    var file = dir.resolve("keys.json");
    KeyRing.builder(FileKeyVault.open(file)).build().enroll(Principal.agent("orders"));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(FileKeyVault.kids(file)).hasSize(1);
  }

  @Test
  void aRevocationWrittenByAnotherProcessIsSeen() throws Exception {
    var file = dir.resolve("keys.json");
    var agent = Principal.agent("support");
    var node = KeyRing.builder(FileKeyVault.open(file)).build();
    node.enroll(agent);
    var signed =
        node.sign(agent, JOSEObjectType.JWT, new JWTClaimsSet.Builder().subject("x").build());

    Thread.sleep(20); // a distinct modification time
    KeyRing.builder(FileKeyVault.open(file)).build().revoke(agent);

    assertThatThrownBy(() -> node.verify(SignedJWT.parse(signed), agent, "test token"))
        .isInstanceOf(IdentityRejected.class)
        .satisfies(e -> assertThat(((IdentityRejected) e).check()).isEqualTo("revoked"));
  }

  private static KeyRecord es256(Principal owner, String kid, TestClock clock) throws Exception {
    var vault = new InMemoryKeyVault();
    var generated = Es256Keys.save(vault, owner, clock.instant().minus(Duration.ofDays(30)));
    var key = vault.find(generated).orElseThrow();
    return new KeyRecord(
        kid,
        owner,
        key.algorithm(),
        key.publicKey(),
        key.privateKey(),
        key.createdAt(),
        null,
        null);
  }

  /** A key file as the version before Ed25519 agent keys wrote it: every key ES256. */
  private static String previousVersionFile(KeyRecord... keys) {
    var entries = new java.util.ArrayList<String>();
    for (var key : keys) {
      entries.add(
          """
            {
              "kid" : "%s",
              "owner" : "%s",
              "algorithm" : "ES256",
              "keyType" : "EC",
              "public" : "%s",
              "private" : "%s",
              "createdAt" : "%s",
              "retiresAt" : null,
              "revokedAt" : null
            }"""
              .formatted(
                  key.kid(),
                  key.owner(),
                  Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
                  Base64.getEncoder().encodeToString(key.privateKey().getEncoded()),
                  key.createdAt()));
    }
    return "{\n  \"keys\" : [ " + String.join(", ", entries) + " ],\n  \"revoked\" : [ ]\n}\n";
  }
}
