package dev.colony.audit;

import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.MerkleTree;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger's head as its appender keeps it: the number of entries, the last chain hash, the
 * Merkle frontier and the last recording time. Not thread-safe; the {@link Ledger} guards it with
 * its append lock. It is a cache of the table, rebuilt from it on open by {@link #rebuild} and
 * brought up to date with other writers' entries by {@link CatchUp}.
 */
final class LedgerHead {
  private static final Logger log = LoggerFactory.getLogger(LedgerHead.class);

  final MerkleTree.Frontier tree;
  byte[] chainHash = LedgerWalk.GENESIS;
  Instant lastRecordedAt = Instant.EPOCH;

  /** When the first entry after the latest checkpoint was recorded, or null if there is none. */
  Instant firstUncoveredAt;

  LedgerHead() {
    this(new MerkleTree.Frontier());
  }

  private LedgerHead(MerkleTree.Frontier tree) {
    this.tree = tree;
  }

  long size() {
    return tree.size();
  }

  /** An independent head at the same place, to extend without changing this one. */
  LedgerHead copy() {
    var copy = new LedgerHead(tree.copy());
    copy.chainHash = chainHash;
    copy.lastRecordedAt = lastRecordedAt;
    return copy;
  }

  /**
   * Adds a row read from the table as the next entry, if it is: its position follows this head's
   * size and its chain hash follows from this head's.
   *
   * @return {@code null} if it was added, or what is wrong with it
   */
  String follow(LedgerTable.Row row) {
    long expected = size() + 1;
    if (row.seq() != expected) {
      return "entry " + expected + " is missing: the sequence jumps to " + row.seq();
    }
    if (!Hashes.isHexDigest(row.leafHash()) || !Hashes.isHexDigest(row.chainHash())) {
      return "entry " + row.seq() + " has a malformed leaf or chain hash";
    }
    var leaf = Hashes.unhex(row.leafHash());
    var chain = Hashes.sha256(chainHash, leaf);
    if (!Arrays.equals(chain, Hashes.unhex(row.chainHash()))) {
      return "entry " + row.seq() + ": chain hash does not follow from entry " + (row.seq() - 1);
    }
    tree.add(leaf);
    chainHash = chain;
    lastRecordedAt = row.recordedAt();
    return null;
  }

  /**
   * Reads the table's leaf and chain hashes and checks them against the latest signed checkpoint
   * before the ledger appends to them: it refuses a table whose chain is broken, that is shorter
   * than the checkpoint, or whose tree differs from it, so the ledger never signs a checkpoint
   * inconsistent with one it signed before. Entries after the checkpoint are taken as they are (the
   * previous process may have stopped before checkpointing them); {@link Ledger#open} warns.
   *
   * @throws LedgerFailure naming the first entry that is wrong
   */
  static LedgerHead rebuild(LedgerTable table, Optional<Checkpoint> latest, CheckpointSink sink) {
    var head = new LedgerHead();
    var problem = new String[1];
    try {
      table.scan(
          row -> {
            if (problem[0] != null) {
              return;
            }
            problem[0] = head.follow(row);
            if (problem[0] != null) {
              return;
            }
            if (head.size() == latest.map(Checkpoint::size).orElse(0L) + 1) {
              head.firstUncoveredAt = row.recordedAt();
            }
            if (latest.isPresent() && head.size() == latest.get().size()) {
              var root = Hashes.hex(head.tree.root());
              if (!root.equals(latest.get().rootHash())) {
                problem[0] =
                    "the first "
                        + head.size()
                        + " entries do not match the latest checkpoint in "
                        + sink;
              }
            }
          });
    } catch (SQLException e) {
      throw new LedgerFailure(
          "could not read the ledger table colony_ledger: " + e.getMessage(), e);
    }
    if (problem[0] == null && latest.isPresent() && latest.get().size() > head.size()) {
      problem[0] =
          "the latest checkpoint in "
              + sink
              + " covers "
              + latest.get().size()
              + " entries, but the table holds "
              + head.size()
              + " (truncated)";
    }
    if (problem[0] == null && latest.isEmpty() && head.size() > 0) {
      problem[0] =
          "the table holds "
              + head.size()
              + " entries, but "
              + sink
              + " holds no checkpoint signed by the ledger's key (deleted or moved)";
    }
    if (problem[0] != null) {
      throw new LedgerFailure(
          "refusing to append to the audit ledger: "
              + problem[0]
              + ". Run `colony audit verify` to see what was changed.");
    }
    if (head.size() == 0 && latest.isPresent() && latest.get().size() == 0) {
      var empty = Hashes.hex(MerkleTree.emptyRoot());
      if (!empty.equals(latest.get().rootHash())) {
        throw new LedgerFailure("the size-0 checkpoint in " + sink + " has a wrong root hash");
      }
    }
    return head;
  }

  /**
   * Takes entries that no checkpoint covers as the ledger's own, or refuses to. They are what the
   * last process wrote after its last checkpoint if it stopped without closing, or rows appended
   * behind its back; once checkpointed, the two can no longer be told apart. So, like the verifier,
   * the ledger takes them only while they are younger than the tail tolerance (a restart right
   * after a crash), unless configured to adopt them whatever their age.
   */
  void adoptTail(long covered, LedgerConfig config) {
    var range =
        size() == covered + 1
            ? "entry " + size() + " is"
            : "entries " + (covered + 1) + ".." + size() + " are";
    var now = config.clock().instant();
    var tolerance = config.tailTolerance();
    var first = firstUncoveredAt;
    boolean suspect =
        first != null
            && (first.plus(tolerance).isBefore(now) || lastRecordedAt.isAfter(now.plus(tolerance)));
    if (suspect && !config.adoptUncheckpointedEntries()) {
      throw new LedgerFailure(
          "refusing to append to the audit ledger: "
              + range
              + " covered by no checkpoint, the first recorded at "
              + first
              + ": the last process stopped without closing, or they were appended behind its"
              + " back. Run `colony audit verify`; if they are genuine, open the ledger with"
              + " adoptUncheckpointedEntries to checkpoint them.");
    }
    log.warn(
        "Audit ledger {} covered by no checkpoint (the last process stopped without closing, or"
            + " they were appended behind its back); checkpointing them now",
        range);
  }
}
