package dev.colony.identity.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.InMemoryKeyVault;
import dev.colony.identity.KeyRing;
import dev.colony.identity.TestClock;
import java.time.Duration;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SignedApprovalTokensTests {
  private final TestClock clock = TestClock.atNewYear();
  private final KeyRing keys = KeyRing.builder(new InMemoryKeyVault()).clock(clock).build();
  private final SignedApprovalTokens tokens = SignedApprovalTokens.create(keys);
  private final ApprovalGrant grant =
      new ApprovalGrant(
          "tok-1",
          ApprovalId.of("apr-1"),
          TenantId.of("acme"),
          RunId.of("run-1"),
          "call-1",
          "refund",
          "ab".repeat(32),
          "bob",
          Set.of("refunds:write"),
          clock.instant().plus(Duration.ofMinutes(15)));

  @Test
  void validTokenVerifiesToTheGrantItCarries() {
    assertThat(tokens.verify(tokens.issue(grant))).isEqualTo(grant);
  }

  @Test
  void expiredTokenIsRefused() {
    var token = tokens.issue(grant);
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));

    assertRefused(() -> tokens.verify(token), "expired");
  }

  @Test
  void tokenWithATamperedPayloadIsRefused() throws Exception {
    var parts = SignedJWT.parse(tokens.issue(grant)).getParsedParts();
    var payload = parts[1].decodeToString().replace("\"refund\"", "\"delete_account\"");
    var tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

    assertRefused(() -> tokens.verify(tampered), "signature");
  }

  @Test
  void tokenSignedByAnAgentsKeyIsRefused() throws Exception {
    var rogue = Principal.agent("rogue");
    keys.enroll(rogue);
    var claims = SignedJWT.parse(tokens.issue(grant)).getJWTClaimsSet();
    var forged = keys.sign(rogue, SignedApprovalTokens.TYPE, claims);

    assertRefused(() -> tokens.verify(forged), "key");
  }

  @Test
  void tokenIssuedBeforeTheApprovalKeyWasRevokedIsRefused() {
    var token = tokens.issue(grant);
    keys.revoke(SignedApprovalTokens.KEY_OWNER);

    assertRefused(() -> tokens.verify(token), "revoked");
  }

  @Test
  void tokenIssuedBeforeARotationVerifiesDuringTheGracePeriod() {
    var token = tokens.issue(grant);
    keys.rotate(SignedApprovalTokens.KEY_OWNER, Duration.ofMinutes(30));
    clock.advance(Duration.ofMinutes(10));

    assertThat(tokens.verify(token)).isEqualTo(grant);
  }

  @Test
  void textThatIsNoTokenIsRefusedAsMalformed() {
    assertRefused(() -> tokens.verify("approved!"), "malformed");
  }

  @Test
  void grantThatHasAlreadyExpiredIsNotIssued() {
    clock.advance(Duration.ofHours(1));

    assertThatThrownBy(() -> tokens.issue(grant))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("grant.expiresAt");
  }

  @Test
  void expiryIsKeptToTheSecondRoundedDown() {
    var precise =
        new ApprovalGrant(
            grant.tokenId(),
            grant.approvalId(),
            grant.tenant(),
            grant.runId(),
            grant.callId(),
            grant.tool(),
            grant.argumentsDigest(),
            grant.approver(),
            grant.scopes(),
            grant.expiresAt().plusMillis(999));

    assertThat(tokens.verify(tokens.issue(precise)).expiresAt()).isEqualTo(grant.expiresAt());
  }

  private static void assertRefused(ThrowingCallable call, String check) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IdentityRejected.class, e -> assertThat(e.check()).as(e.getMessage()).isEqualTo(check));
  }
}
