package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colony.core.RunId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Several ledgers appending to one database, as several processes do (a node, and {@code colony
 * approvals approve} in another terminal): a second ledger on its own pool in this JVM, and a real
 * second process. They share the key and the checkpoint file, as processes on one data directory
 * do.
 */
abstract class MultiWriterContract extends LedgerFixture {
  static final RunId RUN_A = RunId.of("run-a");
  static final RunId RUN_B = RunId.of("run-b");

  MultiWriterContract(Supplier<Backend> backends) {
    super(backends);
  }

  /** A second ledger on the fixture's database and data directory, through another pool. */
  private Ledger second(LedgerConfig.Builder config) {
    return Ledger.open(backend.another(), config.build());
  }

  private List<Long> checkpointSizes() {
    return FileCheckpointSink.at(checkpointFile()).readAll().stream()
        .map(note -> Checkpoint.open(note, ledger.verifierKey()).size())
        .toList();
  }

  @Test
  void twoLedgersAppendingAtOnceFromManyThreadsLeaveOneVerifiedChainWithEveryEntry()
      throws Exception {
    var other = second(config());
    var futures = new ArrayList<Future<List<Long>>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 8; t++) {
        var writer = t % 2 == 0 ? ledger : other;
        var run = t % 2 == 0 ? RUN_A : RUN_B;
        int first = (t / 2) * 150;
        futures.add(
            executor.submit(
                () -> {
                  var seqs = new ArrayList<Long>();
                  for (int i = first; i < first + 150; i++) {
                    seqs.add(writer.append(Fixtures.entry(Fixtures.TENANT, run, i)).seq());
                  }
                  return seqs;
                }));
      }
    }
    var seqs = new ArrayList<Long>();
    for (var future : futures) {
      seqs.addAll(future.get());
    }
    other.close();
    ledger.close();

    assertThat(seqs)
        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1200).boxed().toList());
    for (var run : List.of(RUN_A, RUN_B)) {
      assertThat(Ledger.entries(dataSource, Fixtures.TENANT, run))
          .extracting(r -> r.entry().reason())
          .containsExactlyInAnyOrderElementsOf(
              LongStream.range(0, 600).mapToObj(i -> "reason-" + i).toList());
    }
    var report = verifyFresh();
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.entriesChecked()).isEqualTo(1200);
    assertThat(report.checkpointedSize()).isEqualTo(1200);
    assertThat(checkpointSizes()).isSorted().hasSizeGreaterThan(100);
  }

  @Test
  void aLedgerChainsItsEntriesAfterThoseAnotherWriterAppendedSinceItLastLooked() {
    appendEntries(3);
    var other = second(config());
    try {
      assertThat(other.append(Fixtures.entry(4)).seq()).isEqualTo(4);
      assertThat(other.append(Fixtures.entry(5)).seq()).isEqualTo(5);

      var next = ledger.append(Fixtures.entry(6));

      assertThat(next.seq()).isEqualTo(6);
      assertThat(ledger.size()).isEqualTo(6);
      assertThat(other.append(Fixtures.entry(7)).seq()).isEqualTo(7);
      var report = ledger.verify();
      assertThat(report.ok()).as(report.summary()).isTrue();
      assertThat(report.entriesChecked()).isEqualTo(7);
    } finally {
      other.close();
    }
  }

  @Test
  void aCheckpointCoversWhatOtherWritersAppendedToo() {
    appendEntries(2);
    var other = second(config());
    try {
      other.append(Fixtures.entry(3));

      assertThat(ledger.checkpoint().size()).isEqualTo(3);
    } finally {
      other.close();
    }
  }

  @Test
  void anOldEntryOfAnotherWriterIsTakenWhenItsCheckpointCoversIt() {
    ledger.close();
    ledger = Ledger.open(dataSource, config().checkpointInterval(Duration.ofSeconds(10)).build());
    var other = second(config().checkpointInterval(Duration.ofSeconds(10)));
    for (int i = 1; i <= 5; i++) {
      other.append(Fixtures.entry(i));
    }
    other.close();
    clock.advance(Duration.ofMinutes(5));

    assertThat(ledger.append(Fixtures.entry(6)).seq()).isEqualTo(6);
    assertThat(verifyFresh(Duration.ofSeconds(30)).ok()).isTrue();
  }

  @Test
  void anOldEntryOfAnotherWriterThatNoCheckpointCoversIsRefused() {
    ledger.close();
    ledger = Ledger.open(dataSource, config().checkpointInterval(Duration.ofSeconds(10)).build());
    var other = second(config().checkpointEvery(100));
    try {
      other.append(Fixtures.entry(1));
      other.append(Fixtures.entry(2));
      // The other writer is killed here: nothing checkpoints its entries for five minutes.
      clock.advance(Duration.ofMinutes(5));

      assertThatThrownBy(() -> ledger.append(Fixtures.entry(3)))
          .isInstanceOf(LedgerFailure.class)
          .hasMessageContaining("entry 1, which another writer appended")
          .hasMessageContaining("covered by no checkpoint");
      assertThat(ledger.size()).isZero();
    } finally {
      other.close();
    }
  }

  @Test
  void theTimerOfARunningLedgerCheckpointsWhatAKilledWriterLeft() throws Exception {
    ledger.close();
    ledger = Ledger.open(dataSource, config().checkpointInterval(Duration.ofMillis(50)).build());
    var other = second(config().checkpointEvery(100));
    try {
      for (int i = 1; i <= 3; i++) {
        other.append(Fixtures.entry(i));
      }
      // The other writer is killed here, before its closing checkpoint.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (checkpointSizes().getLast() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }

      assertThat(checkpointSizes()).last().isEqualTo(3L);
      clock.advance(Duration.ofMinutes(5));
      assertThat(verifyFresh(Duration.ofSeconds(30)).ok()).isTrue();
    } finally {
      other.close();
    }
  }

  @Test
  void aSecondProcessAppendingAtTheSameTimeLeavesOneVerifiedChain() throws Exception {
    int count = 400;
    ledger.close();
    ledger = Ledger.open(dataSource, config().clock(Clock.systemUTC()).build());
    var child = startWriterProcess(RUN_B, count);
    try (var out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        var in = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
      assertThat(out.readLine()).isEqualTo("ready");
      in.write("go\n");
      in.flush();
      appendConcurrently(RUN_A, count);
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out.readLine()).isEqualTo("appended " + count);
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).isZero();
    ledger.close();

    var report =
        LedgerVerifier.builder(
                dataSource, FileCheckpointSink.at(checkpointFile()), ledger.verifierKey())
            .build()
            .verify();
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.entriesChecked()).isEqualTo(2L * count);
    assertThat(report.checkpointedSize()).isEqualTo(2L * count);
    assertThat(Ledger.entries(dataSource, Fixtures.TENANT, RUN_A)).hasSize(count);
    assertThat(Ledger.entries(dataSource, Fixtures.TENANT, RUN_B)).hasSize(count);
  }

  private Process startWriterProcess(RunId run, int count) throws Exception {
    var command = new ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LedgerWriterProcess.class.getName());
    command.add(backend.urlForAnotherProcess());
    command.add(dataDir.toString());
    command.add(run.value());
    command.add(String.valueOf(count));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private void appendConcurrently(RunId run, int count)
      throws InterruptedException, ExecutionException {
    var futures = new ArrayList<Future<?>>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 4; t++) {
        int first = t * (count / 4);
        futures.add(
            executor.submit(
                () -> {
                  for (int i = first; i < first + count / 4; i++) {
                    ledger.append(Fixtures.entry(Fixtures.TENANT, run, i));
                  }
                }));
      }
    }
    for (var future : futures) {
      future.get();
    }
  }
}
