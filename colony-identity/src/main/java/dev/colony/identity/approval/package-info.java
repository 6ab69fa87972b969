/**
 * Signed, single-use approval tokens: {@link dev.colony.identity.approval.SignedApprovalTokens}
 * issues and verifies them; {@link dev.colony.identity.approval.ApprovalTokenChecks} is what the
 * Gate calls to check a verified grant against the call it would allow and to use it up, with
 * {@link dev.colony.identity.approval.UsedTokens} remembering which tokens were used.
 */
package dev.colony.identity.approval;
