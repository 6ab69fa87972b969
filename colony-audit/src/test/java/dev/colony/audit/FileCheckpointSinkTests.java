package dev.colony.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colony.audit.internal.Hashes;
import java.nio.file.Files;
import java.nio.file.Path;
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
