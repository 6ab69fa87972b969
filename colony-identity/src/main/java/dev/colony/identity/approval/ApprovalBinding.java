package dev.colony.identity.approval;

import dev.colony.core.InvalidInput;
import dev.colony.core.RunId;
import dev.colony.core.TenantId;
import dev.colony.identity.internal.Digests;
import java.util.Objects;
import java.util.Set;

/**
 * The call an approval token must be for: what the Gate knows about the call waiting to run.
 *
 * @param tenant the run's tenant
 * @param runId the run
 * @param callId the call
 * @param tool the tool the call runs
 * @param argumentsDigest SHA-256 (lower-case hex) of the RFC 8785 canonical arguments
 * @param scopes the scopes the call needs; the grant must cover each (may be empty)
 */
public record ApprovalBinding(
    TenantId tenant,
    RunId runId,
    String callId,
    String tool,
    String argumentsDigest,
    Set<String> scopes) {

  public ApprovalBinding {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(argumentsDigest, "argumentsDigest");
    scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
  }

  /**
   * The binding of a call whose arguments are JSON text; the digest is computed from their RFC 8785
   * canonical form.
   *
   * @throws InvalidInput if the arguments are not JSON
   */
  public static ApprovalBinding ofArguments(
      TenantId tenant,
      RunId runId,
      String callId,
      String tool,
      String argumentsJson,
      Set<String> scopes) {
    return new ApprovalBinding(tenant, runId, callId, tool, argumentsDigest(argumentsJson), scopes);
  }

  /** SHA-256 (lower-case hex) of the RFC 8785 canonical form of JSON arguments. */
  public static String argumentsDigest(String argumentsJson) {
    return Digests.canonicalSha256Hex(Objects.requireNonNull(argumentsJson, "argumentsJson"));
  }
}
