package dev.colony.runtime;

import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.ApprovalTokens;
import dev.colony.core.identity.IdentityRejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Approval tokens for runtime tests: the grant's fields and an HMAC-SHA256 over them. Not a wire
 * format; the node uses the JWS tokens of colony-identity.
 */
final class HmacApprovalTokens implements ApprovalTokens {
  private final byte[] key;
  private final Clock clock;

  HmacApprovalTokens(String secret, Clock clock) {
    this.key = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
  }

  @Override
  public String issue(ApprovalGrant g) {
    var body =
        String.join(
            "|",
            g.tokenId(),
            g.approvalId().value(),
            g.tenant().value(),
            g.runId().value(),
            g.callId(),
            g.tool(),
            g.argumentsDigest(),
            g.approver(),
            g.expiresAt().toString());
    var encoded = Base64.getUrlEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8));
    return encoded + "." + mac(encoded);
  }

  @Override
  public ApprovalGrant verify(String token) {
    var dot = token.indexOf('.');
    if (dot < 0) {
      throw new IdentityRejected("malformed", "not a token");
    }
    var encoded = token.substring(0, dot);
    if (!MessageDigest.isEqual(
        mac(encoded).getBytes(StandardCharsets.UTF_8),
        token.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
      throw new IdentityRejected("signature", "the token's signature does not verify");
    }
    var f = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\\|");
    var expires = Instant.parse(f[8]);
    if (clock.instant().isAfter(expires)) {
      throw new IdentityRejected("expired", "the token expired at " + expires);
    }
    return new ApprovalGrant(
        f[0],
        ApprovalId.of(f[1]),
        TenantId.of(f[2]),
        RunId.of(f[3]),
        f[4],
        f[5],
        f[6],
        f[7],
        Set.of(),
        expires);
  }

  private String mac(String data) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
