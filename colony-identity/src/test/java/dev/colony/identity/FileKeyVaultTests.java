package dev.colony.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.Principal;
import dev.colony.core.identity.IdentityRejected;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
}
