package dev.colony.identity.approval;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.colony.core.ColonyException;
import dev.colony.core.InvalidInput;
import dev.colony.core.Principal;
import dev.colony.core.RunId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.ApprovalTokens;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.KeyRing;
import dev.colony.identity.internal.Claims;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Approval tokens as compact JWS (ES256, {@code typ} {@code colony-approval+jwt}) signed with the
 * node's approval key, owned by {@link #KEY_OWNER} in the {@link KeyRing}. Thread-safe: immutable.
 *
 * <p>Claims: {@code jti} the token id, {@code sub} the approver, {@code approval}, {@code tenant},
 * {@code run}, {@code call}, {@code tool}, {@code args_sha256}, {@code scopes}, {@code iat}, {@code
 * exp}. JWT times are whole seconds: a grant's expiry is kept rounded down to the second.
 *
 * <p>{@link #verify} checks the token is well formed ({@code malformed}), signed by the approval
 * key and no other, agent keys included ({@code signature}, {@code key}, {@code revoked}), and not
 * expired ({@code expired}, no clock skew allowed). The binding to a call and single use are
 * checked by {@link ApprovalTokenChecks}.
 */
public final class SignedApprovalTokens implements ApprovalTokens {
  /** The owner of the approval key. */
  public static final Principal KEY_OWNER = Principal.service("approvals");

  /** The {@code typ} header of an approval token. */
  public static final JOSEObjectType TYPE = new JOSEObjectType("colony-approval+jwt");

  private static final String WHAT = "approval token";

  private final KeyRing keys;
  private final Clock clock;

  private SignedApprovalTokens(KeyRing keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** Approval tokens signed with the ring's approval key (enrolled now if it has none). */
  public static SignedApprovalTokens create(KeyRing keys) {
    Objects.requireNonNull(keys, "keys");
    keys.enroll(KEY_OWNER);
    return new SignedApprovalTokens(keys, keys.clock());
  }

  @Override
  public String issue(ApprovalGrant grant) {
    Objects.requireNonNull(grant, "grant");
    var now = clock.instant();
    if (!grant.expiresAt().isAfter(now)) {
      throw new InvalidInput(
          "grant.expiresAt",
          "must be in the future, got " + grant.expiresAt() + " (now " + now + ")");
    }
    var claims =
        new JWTClaimsSet.Builder()
            .jwtID(grant.tokenId())
            .subject(grant.approver())
            .claim("approval", grant.approvalId().value())
            .claim("tenant", grant.tenant().value())
            .claim("run", grant.runId().value())
            .claim("call", grant.callId())
            .claim("tool", grant.tool())
            .claim("args_sha256", grant.argumentsDigest())
            .claim("scopes", List.copyOf(new TreeSet<>(grant.scopes())))
            .issueTime(Date.from(now.truncatedTo(ChronoUnit.SECONDS)))
            .expirationTime(Date.from(grant.expiresAt()))
            .build();
    return keys.sign(KEY_OWNER, TYPE, claims);
  }

  @Override
  public ApprovalGrant verify(String token) {
    var jwt = Claims.parse(token, TYPE, WHAT);
    var claims = Claims.of(jwt, WHAT);
    var grant = read(claims);
    keys.verify(jwt, KEY_OWNER, WHAT);
    var now = clock.instant();
    if (now.isAfter(grant.expiresAt())) {
      throw new IdentityRejected(
          "expired", WHAT + ": expired at " + grant.expiresAt() + ", now is " + now);
    }
    return grant;
  }

  private static ApprovalGrant read(Claims claims) {
    try {
      return new ApprovalGrant(
          claims.string("jti"),
          ApprovalId.of(claims.string("approval")),
          claims.tenant("tenant"),
          RunId.of(claims.string("run")),
          claims.string("call"),
          claims.string("tool"),
          claims.string("args_sha256"),
          claims.string("sub"),
          Set.copyOf(claims.strings("scopes")),
          claims.instant("exp"));
    } catch (IdentityRejected e) {
      throw e;
    } catch (ColonyException e) {
      throw Claims.malformed(WHAT, e.getMessage());
    }
  }
}
