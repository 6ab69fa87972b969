package dev.colony.audit;

import java.util.List;

/**
 * Where the ledger keeps its signed checkpoints: somewhere outside the database, so that someone
 * who can rewrite the database cannot also rewrite the checkpoints (a file by default; a write-once
 * object store or a witness in production).
 *
 * <p>Implementations must be thread-safe; the ledger writes from the appending thread or its
 * checkpoint timer, one checkpoint at a time, in increasing size.
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
}
