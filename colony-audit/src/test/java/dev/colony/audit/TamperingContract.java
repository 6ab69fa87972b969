package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.audit.VerificationReport.Problem;
import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.MerkleTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each kind of tampering `colony audit verify` must detect, done as someone with the database's
 * superuser would: switch off the append-only triggers, then change the table directly. The ledger
 * writes 20 entries (checkpoints at 0, 10 and 20) and is closed before each tampering.
 */
abstract class TamperingContract extends LedgerFixture {
  TamperingContract(Supplier<Backend> backends) {
    super(backends);
  }

  private void twentyEntriesClosed() {
    appendEntries(20);
    ledger.close();
  }

  @Test
  void anUntouchedLedgerVerifies() {
    twentyEntriesClosed();

    var report = verifyFresh();

    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.checkpointsChecked()).isEqualTo(3);
  }

  @Test
  void anEditedEntryIsNamed() throws SQLException {
    twentyEntriesClosed();

    tamper("UPDATE colony_ledger SET entry = REPLACE(entry, 'reason-7', 'reason-X') WHERE seq = 7");

    var report = verifyFresh();
    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadEntry()).hasValue(7);
    assertThat(report.findings().getFirst().message())
        .isEqualTo("entry 7: leaf hash does not match its content (edited)");
  }

  @Test
  void anEditedEntryWithARecomputedLeafHashBreaksTheChainThere() throws SQLException {
    twentyEntriesClosed();
    var edited = row(7).entry().replace("reason-7", "reason-X");

    tamper(
        "UPDATE colony_ledger SET entry = '"
            + edited
            + "', leaf_hash = '"
            + leafHex(edited)
            + "' WHERE seq = 7");

    var report = verifyFresh();
    assertThat(report.has(Problem.CHAIN_BROKEN)).isTrue();
    assertThat(report.firstBadEntry()).hasValue(7);
  }

  @Test
  void historyRewrittenWithRecomputedHashesContradictsTheSignedCheckpoints() throws SQLException {
    twentyEntriesClosed();
    var chain = Hashes.unhex(row(14).chainHash());
    for (long seq = 15; seq <= 20; seq++) {
      var content = row(seq).entry().replace("reason-", "forged-");
      var leaf = leafHex(content);
      chain = Hashes.sha256(chain, Hashes.unhex(leaf));
      tamper(
          "UPDATE colony_ledger SET entry = '"
              + content
              + "', leaf_hash = '"
              + leaf
              + "', chain_hash = '"
              + Hashes.hex(chain)
              + "' WHERE seq = "
              + seq);
    }

    var report = verifyFresh();

    assertThat(report.ok()).isFalse();
    assertThat(report.findings())
        .extracting(VerificationReport.Finding::problem)
        .containsExactly(Problem.CHECKPOINT_MISMATCH);
    assertThat(report.findings().getFirst().message())
        .startsWith("checkpoint at size 20 does not match the tree: entries after 10");
    assertThat(report.firstBadEntry()).hasValue(11);
  }

  @Test
  void aDeletedEntryIsNamed() throws SQLException {
    twentyEntriesClosed();

    tamper("DELETE FROM colony_ledger WHERE seq = 17");

    var report = verifyFresh();
    assertThat(report.firstBadEntry()).hasValue(17);
    assertThat(report.findings().getFirst().message())
        .isEqualTo("entry 17 missing (deleted) — sequence jumps from 16 to 18");
  }

  @Test
  void swappedEntriesAreReportedOutOfOrder() throws SQLException {
    twentyEntriesClosed();
    var fourth = row(4);
    var fifth = row(5);

    tamper(update(4, fifth));
    tamper(update(5, fourth));

    var report = verifyFresh();
    assertThat(report.firstBadEntry()).hasValue(4);
    assertThat(report.findings().getFirst().problem()).isEqualTo(Problem.REORDERED);
    assertThat(report.findings().getFirst().message())
        .startsWith("entries out of order: entry 4 holds the content recorded as entry 5");
  }

  @Test
  void anEntryAppendedBehindTheBackIsReportedOnceACheckpointWasDue() throws SQLException {
    twentyEntriesClosed();
    appendBehindTheBack(21);
    clock.advance(Duration.ofMinutes(5));

    var report = verifyFresh(Duration.ofSeconds(30));

    assertThat(report.ok()).isFalse();
    assertThat(report.firstBadEntry()).hasValue(21);
    assertThat(report.findings().getFirst().problem()).isEqualTo(Problem.APPENDED_BEHIND_THE_BACK);
  }

  @Test
  void aFreshEntryNotYetCheckpointedIsOnlyNoted() throws SQLException {
    twentyEntriesClosed();
    appendBehindTheBack(21);

    var report = verifyFresh(Duration.ofSeconds(30));

    assertThat(report.ok()).isTrue();
    assertThat(report.notes()).anyMatch(n -> n.startsWith("entry 21 not yet covered"));
  }

  @Test
  void anOldEntryAppendedBehindTheRunningLedgersBackMakesItsNextAppendFail() throws SQLException {
    ledger.close();
    ledger = Ledger.open(dataSource, config().checkpointInterval(Duration.ofSeconds(10)).build());
    ledger.append(Fixtures.entry(1));
    appendBehindTheBack(2);
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(() -> ledger.append(Fixtures.entry(3)))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("entry 2, which another writer appended")
        .hasMessageContaining("covered by no checkpoint");
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void aFreshEntryAppendedBehindTheBackIsTakenAsAnotherWritersAndCheckpointed()
      throws SQLException {
    ledger.append(Fixtures.entry(1));
    appendBehindTheBack(2);

    // Indistinguishable from another process's entry; the ledger's next checkpoint vouches for it.
    assertThat(ledger.append(Fixtures.entry(3)).seq()).isEqualTo(3);
    assertThat(ledger.checkpoint().size()).isEqualTo(3);
  }

  @Test
  void anEntryInsertedAheadOfTheLedgerMakesItsAppendFailOnceItGetsThere() throws SQLException {
    appendEntries(2);
    insertAt(4, row(2));

    assertThat(ledger.append(Fixtures.entry(3)).seq()).isEqualTo(3);
    assertThatThrownBy(() -> ledger.append(Fixtures.entry(5)))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("entry 4: chain hash does not follow from entry 3");
    assertThat(ledger.size()).isEqualTo(3);
  }

  @Test
  void anEntryWhoseChainHashDoesNotFollowMakesTheLedgersNextAppendFail() throws SQLException {
    appendEntries(2);
    insertAt(3, row(1));

    assertThatThrownBy(() -> ledger.append(Fixtures.entry(4)))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("entry 3: chain hash does not follow from entry 2");
  }

  @Test
  void aLedgerDoesNotAdoptAnOldEntryAppendedBehindItsBackWhileItWasStopped() throws SQLException {
    twentyEntriesClosed();
    appendBehindTheBack(21);
    clock.advance(Duration.ofMinutes(5));

    assertThatThrownBy(
            () ->
                Ledger.open(
                    dataSource, config().checkpointInterval(Duration.ofSeconds(10)).build()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("entry 21 is covered by no checkpoint");
  }

  @Test
  void anOldUncheckpointedEntryIsAdoptedWhenTheOperatorSaysSo() throws SQLException {
    twentyEntriesClosed();
    appendBehindTheBack(21);
    clock.advance(Duration.ofMinutes(5));

    ledger =
        Ledger.open(
            dataSource,
            config()
                .checkpointInterval(Duration.ofSeconds(10))
                .adoptUncheckpointedEntries(true)
                .build());

    assertThat(ledger.append(Fixtures.entry(22)).seq()).isEqualTo(22);
    assertThat(verifyFresh().ok()).isTrue();
  }

  @Test
  void entriesLeftUncheckpointedByACrashAreAdoptedOnAPromptRestart() {
    ledger.close();
    ledger = Ledger.open(dataSource, config().checkpointEvery(100).build());
    appendEntries(3);
    // The process dies here: no closing checkpoint. It is restarted at once.

    ledger = Ledger.open(dataSource, config().checkpointInterval(Duration.ofSeconds(10)).build());

    assertThat(ledger.append(Fixtures.entry(4)).seq()).isEqualTo(4);
  }

  @Test
  void aTruncatedTailIsDetectedAgainstTheLatestCheckpoint() throws SQLException {
    twentyEntriesClosed();

    tamper("DELETE FROM colony_ledger WHERE seq > 16");

    var report = verifyFresh();
    assertThat(report.has(Problem.TRUNCATED)).isTrue();
    assertThat(report.firstBadEntry()).hasValue(17);
    assertThat(report.findings().getFirst().message())
        .isEqualTo("truncated: the latest checkpoint covers 20 entries, the ledger has 16");
  }

  @Test
  void aTruncatedLedgerIsNotAppendedToAgain() throws SQLException {
    twentyEntriesClosed();
    tamper("DELETE FROM colony_ledger WHERE seq > 16");

    assertThatThrownBy(() -> Ledger.open(dataSource, config().build()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("covers 20 entries, but the table holds 16 (truncated)");
  }

  @Test
  void aCheckpointWithAForgedSignatureIsReported() throws Exception {
    twentyEntriesClosed();
    var genuine = FileCheckpointSink.at(checkpointFile()).readAll().getLast();
    var genuineRoot = genuine.split("\n")[2];
    var otherRoot =
        java.util.Base64.getEncoder()
            .encodeToString(Hashes.sha256("forged".getBytes(StandardCharsets.UTF_8)));
    var forged = genuine.replace(genuineRoot, otherRoot);
    FileCheckpointSink.at(checkpointFile()).write(forged);

    var report = verifyFresh();

    assertThat(report.has(Problem.CHECKPOINT_FORGED)).isTrue();
    assertThat(report.findings().getFirst().message())
        .contains("checkpoint #4")
        .contains("signature by " + ledger.verifierKey().name() + " is invalid");
  }

  @Test
  void aDeletedCheckpointFileIsReported() throws Exception {
    twentyEntriesClosed();

    Files.delete(checkpointFile());

    var report = verifyFresh();
    assertThat(report.ok()).isFalse();
    assertThat(report.findings().getFirst().problem()).isEqualTo(Problem.CHECKPOINTS_MISSING);
  }

  @Test
  void aTenantColumnMovedToAnotherTenantIsReportedAsAnEdit() throws SQLException {
    twentyEntriesClosed();

    tamper("UPDATE colony_ledger SET tenant = 'globex' WHERE seq = 3");

    var report = verifyFresh();
    assertThat(report.firstBadEntry()).hasValue(3);
    assertThat(report.findings().getFirst().message())
        .isEqualTo(
            "entry 3: column tenant 'globex' disagrees with the entry's tenant 'acme' (edited)");
  }

  private LedgerTable.Row row(long seq) {
    var rows = new java.util.ArrayList<LedgerTable.Row>();
    try {
      new LedgerTable(dataSource).scan(rows::add);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows.stream().filter(r -> r.seq() == seq).findFirst().orElseThrow();
  }

  private static String leafHex(String content) {
    return Hashes.hex(MerkleTree.leafHash(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static String update(long seq, LedgerTable.Row from) {
    return "UPDATE colony_ledger SET entry = '"
        + from.entry()
        + "', leaf_hash = '"
        + from.leafHash()
        + "', chain_hash = '"
        + from.chainHash()
        + "' WHERE seq = "
        + seq;
  }

  /** Inserts a copy of another row's content and hashes at a position. */
  private void insertAt(long seq, LedgerTable.Row from) throws SQLException {
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO colony_ledger (seq, tenant, run_id, entry, leaf_hash, chain_hash,"
                    + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, seq);
      insert.setString(2, from.tenant());
      insert.setString(3, from.runId());
      insert.setString(4, from.entry());
      insert.setString(5, from.leafHash());
      insert.setString(6, from.chainHash());
      insert.setObject(7, OffsetDateTime.ofInstant(from.recordedAt(), ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }

  /** Inserts a row with a correct leaf and chain hash, as an attacker who knows the format can. */
  private void appendBehindTheBack(long seq) throws SQLException {
    var previous = row(seq - 1);
    var now = clock.instant();
    var content = EntryCodec.encode(EntryCodec.fields(Fixtures.entry((int) seq)), seq, now);
    var leaf = leafHex(content);
    var chain = Hashes.hex(Hashes.sha256(Hashes.unhex(previous.chainHash()), Hashes.unhex(leaf)));
    try (var connection = dataSource.getConnection();
        var insert =
            connection.prepareStatement(
                "INSERT INTO colony_ledger (seq, tenant, run_id, entry, leaf_hash, chain_hash,"
                    + " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, seq);
      insert.setString(2, Fixtures.TENANT.value());
      insert.setString(3, Fixtures.RUN.value());
      insert.setString(4, content);
      insert.setString(5, leaf);
      insert.setString(6, chain);
      insert.setObject(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      insert.executeUpdate();
    }
  }
}
