package dev.colony.store;

import dev.colony.core.TenantId;
import dev.colony.core.approval.ApprovalId;
import dev.colony.core.approval.ApprovalVote;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The second process of {@link EmbeddedDatabaseTests}: opens an embedded directory another JVM
 * holds open and approves an approval there, as {@code colony approvals approve} would.
 *
 * <p>Arguments: the directory, the tenant, the approval id. Exits non-zero with the stack trace
 * when anything fails.
 */
public final class EmbeddedPeer {
  private EmbeddedPeer() {}

  public static void main(String[] args) {
    try (var database = Database.embedded(Path.of(args[0]))) {
      database
          .approvalStore()
          .vote(
              TenantId.of(args[1]),
              ApprovalId.of(args[2]),
              new ApprovalVote(
                  "peer-process", true, "approved from another JVM", Instant.now(), null));
    }
  }
}
