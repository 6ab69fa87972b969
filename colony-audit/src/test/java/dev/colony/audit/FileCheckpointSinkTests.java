package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.audit.internal.Hashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints kept in a file. */
class FileCheckpointSinkTests {
  private static final SigningKey KEY = SigningKey.generate("example.com/log");

  private static String note(long size) {
    return new Checkpoint(KEY.name(), size, Hashes.hex(Hashes.sha256(new byte[] {(byte) size})))
        .sign(KEY);
  }

  @Test
  void notesAreReadBackInTheOrderWritten(@TempDir Path dir) {
    var sink = FileCheckpointSink.at(dir.resolve("checkpoints"));

    sink.write(note(1));
    sink.write(note(2));
    sink.write(note(3));

    assertThat(sink.readAll()).containsExactly(note(1), note(2), note(3));
  }

  @Test
  void anotherSinkOnTheSameFileWaitsWhileOneHoldsItExclusively(@TempDir Path dir) throws Exception {
    var file = dir.resolve("checkpoints");
    var holder = FileCheckpointSink.at(file);
    var other = FileCheckpointSink.at(file);
    var held = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var holding =
        Thread.ofVirtual()
            .start(
                () ->
                    holder.exclusively(
                        () -> {
                          holder.write(note(1));
                          held.countDown();
                          await(release);
                          holder.write(note(2));
                          return null;
                        }));
    held.await();

    var writing = Thread.ofVirtual().start(() -> other.write(note(3)));
    writing.join(Duration.ofMillis(300));
    boolean waited = writing.isAlive();
    release.countDown();
    holding.join();
    writing.join();

    assertThat(waited).isTrue();
    assertThat(other.readAll()).containsExactly(note(1), note(2), note(3));
  }

  @Test
  void theSinkReadsItsOwnFileWhileHoldingIt(@TempDir Path dir) {
    var sink = FileCheckpointSink.at(dir.resolve("checkpoints"));
    sink.write(note(1));

    var read = sink.exclusively(sink::readAll);

    assertThat(read).containsExactly(note(1));
    assertThat(dir.resolve("checkpoints.lock")).exists();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aMissingFileHoldsNoCheckpoints(@TempDir Path dir) {
    assertThat(FileCheckpointSink.at(dir.resolve("absent")).readAll()).isEmpty();
  }

  @Test
  void aGarbledBlockIsReturnedSoThatReadingItReportsIt(@TempDir Path dir) throws Exception {
    var file = dir.resolve("checkpoints");
    var sink = FileCheckpointSink.at(file);
    sink.write(note(1));
    Files.writeString(file, "garbage line\n\n", java.nio.file.StandardOpenOption.APPEND);
    sink.write(note(2));

    assertThat(sink.readAll()).containsExactly(note(1), "garbage line\n", note(2));
  }
}
