package dev.colony.core.identity;

/**
 * Issues and verifies signed approval tokens (JWS). Thread-safe.
 *
 * <p>Verifying checks the signature and the expiry; the Gate then checks that the grant's binding
 * (tenant, run, call, tool, arguments digest) matches the call, and that the token was not used
 * before.
 */
public interface ApprovalTokens {
  /** A signed token carrying the grant. */
  String issue(ApprovalGrant grant);

  /**
   * The grant a token carries.
   *
   * @throws IdentityRejected if the signature is wrong, the token is malformed or it expired
   */
  ApprovalGrant verify(String token);
}
