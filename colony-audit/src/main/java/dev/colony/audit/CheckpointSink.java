package dev.colony.audit;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where the ledger keeps its signed checkpoints: somewhere outside the database, so that someone
 * who can rewrite the database cannot also rewrite the checkpoints (a file by default; a write-once
 * object store or a witness in production).
 *
 * <p>Implementations must be thread-safe. Several ledgers, in this process and in others, may write
 * to one sink; each writes one checkpoint at a time, inside {@link #exclusively}, having caught up
 * with the table, so that checkpoints arrive in increasing size.
 */
public interface CheckpointSink {
  /**
   * Keeps one signed checkpoint durably before returning.
   *
   * @param signedCheckpoint a c2sp.org/tlog-checkpoint signed note, ending in a newline
   */
  void write(String signedCheckpoint);

  /** Every signed checkpoint kept, oldest first; empty when there are none (or no file). */
  List<String> readAll();

  /**
   * Runs {@code action}, which reads the table and writes one checkpoint, while no other writer of
   * this sink (in this process or another) writes one, and returns what it returns. The default
   * excludes the other writers of this object only, which is enough for a sink that one process
   * writes; a sink that several processes share overrides it (as {@link FileCheckpointSink} does
   * with a file lock).
   */
  default <T> T exclusively(Supplier<T> action) {
    synchronized (this) {
      return action.get();
    }
  }
}
