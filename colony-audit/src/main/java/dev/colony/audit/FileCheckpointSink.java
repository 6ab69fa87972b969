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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Keeps signed checkpoints in a file, appending each and forcing it to disk before returning.
 *
 * <p>The file is the signed notes one after another, each followed by a blank line; a checkpoint's
 * text and its signature lines have no blank line of their own, so the file splits unambiguously.
 *
 * <p>Thread-safe, and safe to share between processes: writing, reading and {@link #exclusively}
 * hold an exclusive lock on a lock file beside it ({@code <file>.lock}), so that no process reads a
 * note half written and checkpoints of several ledgers on one database are appended one at a time,
 * each after its writer caught up with the table. In a process, sinks on the same file share one
 * lock (the operating system's file lock belongs to the whole process). A file that cannot be
 * locked for reading (a read-only directory) is read without the lock.
 */
public final class FileCheckpointSink implements CheckpointSink {
  /** One lock per file in this process, held around the file lock (which cannot nest). */
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final ReentrantLock lock;

  private FileCheckpointSink(Path file) {
    this.file = file;
    var absolute = file.toAbsolutePath().normalize();
    this.lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
    this.lock = LOCKS.computeIfAbsent(absolute, f -> new ReentrantLock());
  }

  /** The sink on the given file, which is created on the first write. */
  public static FileCheckpointSink at(Path file) {
    return new FileCheckpointSink(Objects.requireNonNull(file, "file"));
  }

  public Path file() {
    return file;
  }

  @Override
  public void write(String signedCheckpoint) {
    if (!signedCheckpoint.endsWith("\n") || signedCheckpoint.contains("\n\n\n")) {
      throw new LedgerFailure("not a signed checkpoint note: '" + signedCheckpoint + "'");
    }
    var bytes = (signedCheckpoint + "\n").getBytes(StandardCharsets.UTF_8);
    exclusively(
        () -> {
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
          } catch (IOException e) {
            throw new LedgerFailure("could not write a checkpoint to '" + file + "': " + e, e);
          }
          return null;
        });
  }

  @Override
  public List<String> readAll() {
    if (!Files.exists(file)) {
      return List.of();
    }
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        return read();
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException cannotLock) {
        return read(); // a read-only directory: nobody appends there either
      }
      try (channel;
          var held = channel.lock()) {
        return read();
      } catch (IOException e) {
        throw new LedgerFailure("could not lock '" + lockFile + "' to read checkpoints: " + e, e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code action} holding this file's lock in this process and the lock file's lock against
   * other processes; re-entrant.
   *
   * @throws LedgerFailure if the lock file cannot be created or locked
   */
  @Override
  public <T> T exclusively(Supplier<T> action) {
    lock.lock();
    try {
      if (lock.getHoldCount() > 1) {
        return action.get();
      }
      try {
        Files.createDirectories(lockFile.getParent());
      } catch (IOException e) {
        throw new LedgerFailure("could not create the folder of '" + file + "': " + e, e);
      }
      try (var channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          var held = channel.lock()) {
        return action.get();
      } catch (IOException e) {
        throw new LedgerFailure("could not lock '" + lockFile + "': " + e, e);
      }
    } finally {
      lock.unlock();
    }
  }

  private List<String> read() {
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
