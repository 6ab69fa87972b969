package dev.colony.identity.approval;

import dev.colony.core.identity.ApprovalGrant;
import dev.colony.core.identity.IdentityRejected;
import dev.colony.identity.internal.Digests;
import java.time.Clock;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the Gate checks after {@link SignedApprovalTokens#verify}: that the grant is for exactly
 * this call, and that it was not used before. Thread-safe if its {@link UsedTokens} is.
 *
 * <p>Checks, in order: tenant, run, call, tool and arguments digest each equal the expected binding
 * (check {@code binding}, the message names the field, what was expected and what was found); the
 * token has not expired since it was verified ({@code expired}); the grant covers every scope the
 * call needs ({@code binding}); the token was not used before ({@code replayed}). A token is used
 * up only when every other check passed, so presenting it for the wrong call does not spend it.
 */
public final class ApprovalTokenChecks {
  private static final String WHAT = "approval token";

  private final UsedTokens used;
  private final Clock clock;

  public ApprovalTokenChecks(UsedTokens used, Clock clock) {
    this.used = Objects.requireNonNull(used, "used");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Checks a verified grant against the call it would allow and uses it up.
   *
   * @throws IdentityRejected naming the first check that failed
   */
  public void check(ApprovalGrant grant, ApprovalBinding expected) {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(expected, "expected");
    same("tenant", expected.tenant().value(), grant.tenant().value());
    same("run", expected.runId().value(), grant.runId().value());
    same("call", expected.callId(), grant.callId());
    same("tool", expected.tool(), grant.tool());
    if (!Digests.same(expected.argumentsDigest(), grant.argumentsDigest())) {
      throw mismatch("arguments digest", expected.argumentsDigest(), grant.argumentsDigest());
    }
    var now = clock.instant();
    if (now.isAfter(grant.expiresAt())) {
      throw new IdentityRejected(
          "expired", WHAT + ": expired at " + grant.expiresAt() + ", now is " + now);
    }
    if (!grant.scopes().containsAll(expected.scopes())) {
      throw new IdentityRejected(
          "binding",
          WHAT
              + ": scope: the call needs "
              + new TreeSet<>(expected.scopes())
              + ", the approval covers "
              + new TreeSet<>(grant.scopes()));
    }
    if (!used.markUsed(grant.tenant(), grant.tokenId(), grant.expiresAt())) {
      throw new IdentityRejected(
          "replayed", WHAT + ": token '" + grant.tokenId() + "' was already used");
    }
  }

  private static void same(String field, String expected, String found) {
    if (!expected.equals(found)) {
      throw mismatch(field, expected, found);
    }
  }

  private static IdentityRejected mismatch(String field, String expected, String found) {
    return new IdentityRejected(
        "binding", WHAT + ": " + field + ": expected '" + expected + "', found '" + found + "'");
  }
}
