package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import java.time.Duration;
import java.time.Instant;

/**
 * Brings a ledger's head up to date with the entries other writers (other processes on the same
 * database) appended since the ledger last looked, before it appends after them or checkpoints
 * them. Not thread-safe: one per pass over the new entries, which is either an append transaction
 * holding the database's append lock (so nothing is committed meanwhile) or a checkpoint's read of
 * what was committed, holding the checkpoint sink (so every checkpoint in it covers entries already
 * committed, and a checkpoint larger than the table means the table was truncated).
 *
 * <p>It extends a copy of the head, so a refusal leaves the head as it was. It checks the new
 * entries as {@link LedgerHead#rebuild} checks the table on open: positions without gaps and chain
 * hashes that follow. And it takes them on the terms on which {@link LedgerHead#adoptTail} takes an
 * uncheckpointed tail: another writer's entries are fresh, so an entry recorded longer ago than the
 * tail tolerance (or dated in the future) is taken only if a checkpoint signed by the ledger's key
 * covers it and its tree matches; otherwise it may have been inserted behind the ledger's back, and
 * the ledger refuses to append after it, as it refuses to open on it.
 */
final class CatchUp {
  private final LedgerHead from;
  private final LedgerConfig config;
  private final VerifierKey key;
  private final Instant now;
  private final Duration tolerance;
  private LedgerHead head;
  private Checkpoint latest;
  private boolean latestRead;

  CatchUp(LedgerHead from, LedgerConfig config, VerifierKey key) {
    this.from = from;
    this.config = config;
    this.key = key;
    this.now = config.clock().instant();
    this.tolerance = config.tailTolerance();
  }

  /**
   * Takes the next entry another writer appended.
   *
   * @throws LedgerFailure if it does not follow, or is old or future and no checkpoint covers it
   */
  void add(LedgerTable.Row row) {
    if (head == null) {
      head = from.copy();
    }
    var problem = head.follow(row);
    if (problem != null) {
      throw refuse(problem);
    }
    var recordedAt = row.recordedAt();
    boolean suspect =
        recordedAt.plus(tolerance).isBefore(now) || recordedAt.isAfter(now.plus(tolerance));
    if (suspect && !latestRead) {
      latestRead = true;
      latest = LedgerSetup.latestCheckpoint(config.checkpoints(), key).orElse(null);
    }
    if (latest != null && head.size() == latest.size()) {
      if (!Hashes.hex(head.tree.root()).equals(latest.rootHash())) {
        throw refuse(
            "the first "
                + head.size()
                + " entries do not match the latest checkpoint in "
                + config.checkpoints());
      }
    }
    boolean covered = latest != null && row.seq() <= latest.size();
    if (suspect && !covered && !config.adoptUncheckpointedEntries()) {
      throw new LedgerFailure(
          "refusing to append to the audit ledger: entry "
              + row.seq()
              + ", which another writer appended, is recorded at "
              + recordedAt
              + " and covered by no checkpoint; a writer's entries are checkpointed within "
              + tolerance.toSeconds()
              + " s, so its writer stopped without checkpointing it, or it was appended behind"
              + " the ledger's back. Run `colony audit verify`; if it is genuine, open the ledger"
              + " with adoptUncheckpointedEntries to checkpoint it.");
    }
  }

  /**
   * The head to append after: the one given, if no other writer appended, or else a new one holding
   * their entries too.
   *
   * @throws LedgerFailure if the latest checkpoint covers more entries than there are (truncated)
   */
  LedgerHead finish() {
    if (head == null) {
      return from;
    }
    if (latest != null && latest.size() > head.size()) {
      throw refuse(
          "the latest checkpoint in "
              + config.checkpoints()
              + " covers "
              + latest.size()
              + " entries, but the table holds "
              + head.size()
              + " (truncated)");
    }
    return head;
  }

  /** How many entries other writers appended. */
  long caughtUp() {
    return head == null ? 0 : head.size() - from.size();
  }

  private static LedgerFailure refuse(String problem) {
    return new LedgerFailure(
        "refusing to append to the audit ledger: "
            + problem
            + ". Run `colony audit verify` to see what was changed.");
  }
}
