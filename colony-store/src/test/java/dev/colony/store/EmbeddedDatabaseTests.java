package dev.colony.store;

import static dev.colony.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.core.RunId;
import dev.colony.core.approval.ApprovalStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file database in a directory, which several processes share. */
class EmbeddedDatabaseTests {
  @TempDir Path dir;

  @Test
  void reopeningAnEmbeddedDirectoryKeepsItsData() {
    var tenant = Fixtures.newTenant();
    var approval = Fixtures.approval(tenant, "apr-1", RunId.of("run-1"), "call_1", T0);
    try (var database = Database.embedded(dir)) {
      database.approvalStore().create(approval);
    }

    try (var reopened = Database.embedded(dir)) {
      assertThat(reopened.approvalStore().find(tenant, approval.id())).contains(approval);
    }
  }

  @Test
  void twoDatabasesOnOneDirectorySeeEachOthersWrites() {
    var tenant = Fixtures.newTenant();
    var approval = Fixtures.approval(tenant, "apr-1", RunId.of("run-1"), "call_1", T0);
    try (var first = Database.embedded(dir);
        var second = Database.embedded(dir)) {
      first.approvalStore().create(approval);

      second.approvalStore().vote(tenant, approval.id(), Fixtures.approve("bob", T0));

      assertThat(first.approvalStore().require(tenant, approval.id()).status())
          .isEqualTo(ApprovalStatus.APPROVED);
    }
  }

  @Test
  void aSecondProcessCanApproveWhileTheFirstHoldsTheDatabaseOpen(@TempDir Path logs)
      throws Exception {
    var tenant = Fixtures.newTenant();
    var approval = Fixtures.approval(tenant, "apr-1", RunId.of("run-1"), "call_1", T0);
    var log = logs.resolve("peer.log");
    try (var database = Database.embedded(dir)) {
      database.approvalStore().create(approval);

      var peer =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  EmbeddedPeer.class.getName(),
                  dir.toString(),
                  tenant.value(),
                  approval.id().value())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean exited = peer.waitFor(120, TimeUnit.SECONDS);
      if (!exited) {
        peer.destroyForcibly();
      }

      assertThat(exited).as("the peer process finished within 120 s").isTrue();
      assertThat(peer.exitValue())
          .as("peer exit code; its output:%n%s", Files.readString(log))
          .isZero();
      var decided = database.approvalStore().require(tenant, approval.id());
      assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
      assertThat(decided.decidedBy()).isEqualTo("peer-process");
    }
  }
}
