package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.MerkleTree;
import dev.colony.core.RunId;
import dev.colony.core.gate.Decision;
import dev.colony.core.gate.GateOutcome;
import dev.colony.core.tool.RiskTier;
import dev.colony.core.tool.ToolResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What every ledger does, on every database: append, read, checkpoint, refuse changes. */
abstract class LedgerContract extends LedgerFixture {
  LedgerContract(Supplier<Backend> backends) {
    super(backends);
  }

  @Test
  void appendedEntryIsReadBackAsStoredWithItsPositionAndHashes() {
    var stored = ledger.append(Fixtures.entry(1));

    var read = ledger.entries(Fixtures.TENANT, Fixtures.RUN);

    assertThat(read).containsExactly(stored);
    assertThat(stored.seq()).isEqualTo(1);
    assertThat(stored.entry()).isEqualTo(Fixtures.entry(1));
    assertThat(stored.recordedAt()).isEqualTo(START);
    assertThat(stored.chainHash())
        .isEqualTo(Hashes.hex(Hashes.sha256(new byte[32], Hashes.unhex(stored.leafHash()))));
  }

  @Test
  void storedLeafHashIsTheRfc9162LeafHashOfTheCanonicalEntry() {
    var stored = ledger.append(Fixtures.entry(1));

    var json =
        EntryCodec.encode(EntryCodec.fields(Fixtures.entry(1)), stored.seq(), stored.recordedAt());

    assertThat(stored.leafHash())
        .isEqualTo(Hashes.hex(MerkleTree.leafHash(json.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void entriesOfARunAreReturnedInOrderAndOnlyForItsTenant() {
    ledger.append(Fixtures.entry(1));
    ledger.append(Fixtures.entry(Fixtures.OTHER_TENANT, Fixtures.RUN, 2));
    ledger.append(Fixtures.entry(Fixtures.TENANT, RunId.of("run-2"), 3));
    ledger.append(Fixtures.entry(4));

    var read = ledger.entries(Fixtures.TENANT, Fixtures.RUN);

    assertThat(read).extracting(LedgerRecord::seq).containsExactly(1L, 4L);
    assertThat(ledger.entries(Fixtures.OTHER_TENANT, Fixtures.RUN))
        .extracting(r -> r.entry().tenant())
        .containsExactly(Fixtures.OTHER_TENANT);
  }

  @Test
  void aProcessThatDoesNotOwnTheLedgerReadsARunsEntries() {
    var stored = ledger.append(Fixtures.entry(1));

    assertThat(Ledger.entries(dataSource, Fixtures.TENANT, Fixtures.RUN)).containsExactly(stored);
  }

  @Test
  void gateOutcomeIsRecordedWithTheTraceAndSpanOfItsExecuteToolSpan() {
    var sink = new LedgerAuditSink(ledger);
    var request = Fixtures.request("{\"order\":\"A-1\",\"amount\":5}", RiskTier.WRITE_LOW);
    var result = ToolResult.success(request.call(), "{\"refunded\":true}");

    sink.record(
        request,
        new GateOutcome.Executed(
            result, new Decision.Allow("within limits", List.of("p1")), false));

    var entry = ledger.entries(Fixtures.TENANT, Fixtures.RUN).getFirst().entry();
    assertThat(entry.kind()).isEqualTo(EntryKind.EXECUTED);
    assertThat(entry.traceId()).isEqualTo(request.envelope().trace().traceId());
    assertThat(entry.spanId()).isEqualTo(request.envelope().trace().spanId());
  }

  @Test
  void anIntentIsStoredAheadOfItsOutcomeWithTheSameCallTraceAndSpan() {
    var sink = new LedgerAuditSink(ledger);
    var request = Fixtures.request("{\"order\":\"A-1\",\"amount\":5}", RiskTier.WRITE_LOW);
    var allow = new Decision.Allow("within limits", List.of("p1"));

    sink.intend(request, allow);
    sink.record(
        request,
        new GateOutcome.Executed(
            ToolResult.success(request.call(), "{\"refunded\":true}"), allow, false));

    var read = ledger.entries(Fixtures.TENANT, Fixtures.RUN);
    assertThat(read)
        .extracting(r -> r.entry().kind())
        .containsExactly(EntryKind.INTENT, EntryKind.EXECUTED);
    var intent = read.getFirst().entry();
    var outcome = read.getLast().entry();
    assertThat(intent.callId()).isEqualTo(outcome.callId());
    assertThat(intent.spanId()).isEqualTo(outcome.spanId());
    assertThat(intent.traceId()).isEqualTo(outcome.traceId());
    assertThat(intent.policies()).isEqualTo(outcome.policies()).containsExactly("p1");
    assertThat(intent.resultDigest()).isNull();
    assertThat(ledger.verify().ok()).isTrue();
  }

  @Test
  void recordedTimesNeverGoBackwardsWhenTheClockDoes() {
    ledger.append(Fixtures.entry(1));
    clock.advance(Duration.ofSeconds(-30));

    var second = ledger.append(Fixtures.entry(2));

    assertThat(second.recordedAt()).isEqualTo(START);
  }

  @Test
  void reopenedLedgerContinuesTheChainWhereItStopped() {
    appendEntries(5);
    ledger.close();

    ledger = Ledger.open(dataSource, config().build());
    var next = ledger.append(Fixtures.entry(6));

    assertThat(next.seq()).isEqualTo(6);
    assertThat(ledger.verify().ok()).isTrue();
  }

  @Test
  void eightThreadsAppendingAThousandEntriesLeaveAContiguousVerifiedChain() throws Exception {
    var futures = new ArrayList<Future<List<Long>>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(
            executor.submit(
                () -> {
                  var seqs = new ArrayList<Long>();
                  for (int i = 0; i < 125; i++) {
                    seqs.add(ledger.append(Fixtures.entry(thread * 1000 + i)).seq());
                  }
                  return seqs;
                }));
      }
    }
    var seqs = new ArrayList<Long>();
    for (var future : futures) {
      seqs.addAll(future.get());
    }

    assertThat(seqs)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
    var report = ledger.verify();
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.entriesChecked()).isEqualTo(1000);
  }

  @Test
  void updateOnTheLedgerTableIsRejectedByTheDatabase() {
    ledger.append(Fixtures.entry(1));

    assertThatThrownBy(() -> sql("UPDATE colony_ledger SET tenant = 'globex' WHERE seq = 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void deleteOnTheLedgerTableIsRejectedByTheDatabase() {
    ledger.append(Fixtures.entry(1));

    assertThatThrownBy(() -> sql("DELETE FROM colony_ledger WHERE seq = 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("append-only");
  }

  @Test
  void aCheckpointIsWrittenEveryConfiguredNumberOfEntries() {
    appendEntries(25);

    var sizes =
        FileCheckpointSink.at(checkpointFile()).readAll().stream()
            .map(note -> Checkpoint.open(note, ledger.verifierKey()).size())
            .toList();

    assertThat(sizes).containsExactly(0L, 10L, 20L);
  }

  @Test
  void closingWritesACheckpointCoveringEveryEntry() {
    appendEntries(3);

    ledger.close();

    var notes = FileCheckpointSink.at(checkpointFile()).readAll();
    assertThat(Checkpoint.open(notes.getLast(), ledger.verifierKey()).size()).isEqualTo(3);
  }

  @Test
  void checkpointRootIsTheMerkleTreeHashOfTheStoredLeaves() {
    var leaves = new ArrayList<byte[]>();
    for (int i = 1; i <= 7; i++) {
      leaves.add(Hashes.unhex(ledger.append(Fixtures.entry(i)).leafHash()));
    }

    var checkpoint = ledger.checkpoint();

    assertThat(checkpoint.size()).isEqualTo(7);
    assertThat(checkpoint.rootHash()).isEqualTo(Hashes.hex(MerkleTree.root(leaves)));
  }

  @Test
  void theTimerCheckpointsEntriesWhileTheLedgerIsIdle() throws Exception {
    ledger.close();
    ledger = Ledger.open(dataSource, config().checkpointInterval(Duration.ofMillis(50)).build());
    ledger.append(Fixtures.entry(1));

    var sink = FileCheckpointSink.at(checkpointFile());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long covered = 0;
    while (covered < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      covered = Checkpoint.open(sink.readAll().getLast(), ledger.verifierKey()).size();
    }

    assertThat(covered).isEqualTo(1);
  }

  @Test
  void aFreshProcessVerifiesTheLedgerWithOnlyThePublicKey() {
    appendEntries(12);
    ledger.close();

    var report = verifyFresh();

    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.entriesChecked()).isEqualTo(12);
    assertThat(report.checkpointedSize()).isEqualTo(12);
    assertThat(report.firstBadEntry()).isEmpty();
  }

  @Test
  void theKeyFileIsCreatedOwnerOnlyWithItsPublicKeyBeside() throws Exception {
    var keyFile = dataDir.resolve(LedgerConfig.KEY_FILE);

    assertThat(Files.getPosixFilePermissions(keyFile))
        .extracting(Object::toString)
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(Files.readString(dataDir.resolve(LedgerConfig.KEY_FILE + ".pub")).strip())
        .isEqualTo(ledger.verifierKey().toString());
  }

  @Test
  void appendingAfterCloseFailsAndKeepsNothing() {
    ledger.close();

    assertThatThrownBy(() -> ledger.append(Fixtures.entry(1)))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("closed");
    assertThat(ledger.size()).isZero();
  }

  @Test
  void openingAgainstAnotherKeysCheckpointsIsRefused() {
    appendEntries(3);
    ledger.close();

    var other = SigningKey.generate(LedgerConfig.DEFAULT_ORIGIN);

    assertThatThrownBy(() -> Ledger.open(dataSource, config().signingKey(other).build()))
        .isInstanceOf(LedgerFailure.class)
        .hasMessageContaining("no checkpoint signed by the ledger's key");
  }
}
