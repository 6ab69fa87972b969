package dev.colony.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps signed checkpoints in a file, appending each and forcing it to disk before returning.
 *
 * <p>The file is the signed notes one after another, each followed by a blank line; a checkpoint's
 * text and its signature lines have no blank line of their own, so the file splits unambiguously.
 * Thread-safe: writes are serialized.
 */
public final class FileCheckpointSink implements CheckpointSink {
  private final Path file;

  private FileCheckpointSink(Path file) {
    this.file = file;
  }

  /** The sink on the given file, which is created on the first write. */
  public static FileCheckpointSink at(Path file) {
    return new FileCheckpointSink(Objects.requireNonNull(file, "file"));
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void write(String signedCheckpoint) {
    if (!signedCheckpoint.endsWith("\n") || signedCheckpoint.contains("\n\n\n")) {
      throw new LedgerFailure("not a signed checkpoint note: '" + signedCheckpoint + "'");
    }
    var bytes = (signedCheckpoint + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      var parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (var channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      }
    } catch (IOException e) {
      throw new LedgerFailure("could not write a checkpoint to '" + file + "': " + e, e);
    }
  }

  @Override
  public synchronized List<String> readAll() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new LedgerFailure("could not read the checkpoints in '" + file + "': " + e, e);
    }
    var blocks = new ArrayList<String>();
    var block = new StringBuilder();
    for (var line : lines) {
      if (line.isEmpty()) {
        if (!block.isEmpty()) {
          blocks.add(block.toString());
          block.setLength(0);
        }
      } else {
        block.append(line).append('\n');
      }
    }
    if (!block.isEmpty()) {
      blocks.add(block.toString());
    }
    // A note is a text block followed by a signature block; an unpaired block is kept as it is,
    // so that reading it reports it as malformed instead of losing it.
    var notes = new ArrayList<String>();
    for (int i = 0; i < blocks.size(); i++) {
      var current = blocks.get(i);
      if (!isSignatures(current) && i + 1 < blocks.size() && isSignatures(blocks.get(i + 1))) {
        notes.add(current + "\n" + blocks.get(++i));
      } else {
        notes.add(current);
      }
    }
    return List.copyOf(notes);
  }

  private static boolean isSignatures(String block) {
    return block.lines().allMatch(line -> line.startsWith("\u2014 "));
  }

  @Override
  public String toString() {
    return "file '" + file + "'";
  }
}
