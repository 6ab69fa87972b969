package dev.colony.audit;

import dev.colony.audit.VerificationReport.Finding;
import dev.colony.audit.VerificationReport.Problem;
import dev.colony.audit.internal.Hashes;
import dev.colony.audit.internal.MerkleTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * One pass over the ledger's rows in seq order, checking each row against its content and its
 * predecessor and the growing tree against the signed checkpoints. Not thread-safe; one per
 * verification.
 */
final class LedgerWalk {
  /** The chain hash before the first entry. */
  static final byte[] GENESIS = new byte[Hashes.SIZE];

  private final NavigableMap<Long, List<String>> checkpointRoots;
  private final Instant now;
  private final Duration tailTolerance;
  private final long latestCheckpoint;
  private final List<Finding> findings = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final MerkleTree.Frontier tree = new MerkleTree.Frontier();

  private long expectedSeq = 1;
  private byte[] previousChain = GENESIS;
  private long lastSeq;
  private long lastMatchingCheckpoint;
  private int mismatchedCheckpoints;
  private Instant firstUncoveredAt;
  private boolean futureReported;

  LedgerWalk(NavigableMap<Long, List<String>> checkpointRoots, Instant now, Duration tolerance) {
    this.checkpointRoots = checkpointRoots;
    this.now = now;
    this.tailTolerance = tolerance;
    this.latestCheckpoint = checkpointRoots.isEmpty() ? -1 : checkpointRoots.lastKey();
    compareCheckpoints();
  }

  void visit(LedgerTable.Row row) {
    long seq = row.seq();
    boolean afterGap = false;
    if (seq != expectedSeq) {
      afterGap = true;
      var missing =
          seq - expectedSeq == 1
              ? "entry " + expectedSeq + " missing"
              : "entries " + expectedSeq + ".." + (seq - 1) + " missing";
      add(
          Problem.DELETED,
          expectedSeq,
          missing + " (deleted) — sequence jumps from " + (expectedSeq - 1) + " to " + seq);
    }
    var content = row.entry() == null ? "" : row.entry();
    var leaf = MerkleTree.leafHash(content.getBytes(StandardCharsets.UTF_8));
    var storedLeaf = hash(row.leafHash());
    EntryCodec.Decoded decoded = null;
    String unreadable = null;
    try {
      decoded = EntryCodec.decode(content);
      if (!new JsonCanonicalizer(content).getEncodedString().equals(content)) {
        unreadable = "its content is not RFC 8785 canonical JSON";
      }
    } catch (IllegalArgumentException | IOException e) {
      unreadable = "its content is not a ledger entry (" + e.getMessage() + ")";
    }
    boolean reordered = decoded != null && decoded.seq() != seq;
    if (reordered) {
      add(
          Problem.REORDERED,
          seq,
          "entries out of order: entry "
              + seq
              + " holds the content recorded as entry "
              + decoded.seq()
              + " (reordered, or removed and renumbered)");
    } else if (storedLeaf == null || !Arrays.equals(leaf, storedLeaf)) {
      add(Problem.EDITED, seq, "entry " + seq + ": leaf hash does not match its content (edited)");
    } else if (unreadable != null) {
      add(Problem.EDITED, seq, "entry " + seq + ": " + unreadable + " (edited)");
    } else {
      checkColumns(row, decoded);
    }
    var storedChain = hash(row.chainHash());
    var expectedChain = Hashes.sha256(previousChain, storedLeaf == null ? leaf : storedLeaf);
    if (!afterGap && !reordered && !Arrays.equals(expectedChain, storedChain)) {
      add(
          Problem.CHAIN_BROKEN,
          seq,
          "entry "
              + seq
              + ": chain hash does not follow from entry "
              + (seq - 1)
              + " (rows were inserted, replaced or rewritten)");
    }
    previousChain = storedChain == null ? expectedChain : storedChain;
    tree.add(storedLeaf == null ? leaf : storedLeaf);
    noteTime(seq, decoded == null ? row.recordedAt() : decoded.recordedAt());
    compareCheckpoints();
    expectedSeq = seq + 1;
    lastSeq = seq;
  }

  /** Checks what can only be judged at the end: truncation and the uncovered tail. */
  void finish() {
    if (latestCheckpoint > lastSeq) {
      add(
          Problem.TRUNCATED,
          lastSeq + 1,
          "truncated: the latest checkpoint covers "
              + latestCheckpoint
              + " entries, the ledger has "
              + tree.size()
              + (lastSeq == tree.size() ? "" : " (up to entry " + lastSeq + ")"));
    } else {
      for (var size : checkpointRoots.tailMap(tree.size(), false).keySet()) {
        add(
            Problem.CHECKPOINT_MISMATCH,
            lastMatchingCheckpoint + 1,
            "checkpoint at size "
                + size
                + " cannot match: the table holds "
                + tree.size()
                + " entries up to entry "
                + lastSeq);
      }
    }
    if (mismatchedCheckpoints > 1) {
      notes.add((mismatchedCheckpoints - 1) + " later checkpoints do not match the tree either");
    }
    if (latestCheckpoint >= 0 && tree.size() > latestCheckpoint && firstUncoveredAt != null) {
      var first = latestCheckpoint + 1;
      var range = first == tree.size() ? "entry " + first : "entries " + first + ".." + lastSeq;
      var age = Duration.between(firstUncoveredAt, now);
      if (age.compareTo(tailTolerance) > 0) {
        add(
            Problem.APPENDED_BEHIND_THE_BACK,
            first,
            range
                + " covered by no signed checkpoint although entry "
                + first
                + " was recorded "
                + age.toSeconds()
                + " s ago (a checkpoint is due well within "
                + tailTolerance.toSeconds()
                + " s): appended behind the ledger's back, or the ledger stopped without its"
                + " closing checkpoint");
      } else {
        notes.add(
            range + " not yet covered by a checkpoint (recorded " + age.toSeconds() + " s ago)");
      }
    }
  }

  long entries() {
    return tree.size();
  }

  List<Finding> findings() {
    return findings;
  }

  List<String> notes() {
    return notes;
  }

  private void checkColumns(LedgerTable.Row row, EntryCodec.Decoded decoded) {
    var entry = decoded.entry();
    if (!entry.tenant().value().equals(row.tenant())) {
      add(
          Problem.EDITED,
          row.seq(),
          "entry "
              + row.seq()
              + ": column tenant '"
              + row.tenant()
              + "' disagrees with the entry's tenant '"
              + entry.tenant()
              + "' (edited)");
    } else if (!entry.runId().value().equals(row.runId())) {
      add(
          Problem.EDITED,
          row.seq(),
          "entry "
              + row.seq()
              + ": column run_id '"
              + row.runId()
              + "' disagrees with the entry's run id '"
              + entry.runId()
              + "' (edited)");
    }
  }

  /** Compares the tree with every signed checkpoint of its current size. */
  private void compareCheckpoints() {
    var roots = checkpointRoots.get(tree.size());
    if (roots == null) {
      return;
    }
    var root = Hashes.hex(tree.root());
    for (var signed : roots) {
      if (signed.equals(root)) {
        if (mismatchedCheckpoints == 0) {
          lastMatchingCheckpoint = tree.size();
        }
      } else if (mismatchedCheckpoints++ == 0) {
        add(
            Problem.CHECKPOINT_MISMATCH,
            lastMatchingCheckpoint + 1,
            "checkpoint at size "
                + tree.size()
                + " does not match the tree: entries after "
                + lastMatchingCheckpoint
                + " were rewritten, reordered, removed or appended behind the back"
                + (lastMatchingCheckpoint == 0
                    ? ""
                    : " (the checkpoint at size " + lastMatchingCheckpoint + " matches)"));
      }
    }
  }

  private void noteTime(long seq, Instant recordedAt) {
    if (recordedAt == null) {
      return;
    }
    if (tree.size() == latestCheckpoint + 1 && latestCheckpoint >= 0) {
      firstUncoveredAt = recordedAt;
    }
    if (!futureReported && recordedAt.isAfter(now.plus(tailTolerance))) {
      futureReported = true;
      add(
          Problem.APPENDED_BEHIND_THE_BACK,
          seq,
          "entry "
              + seq
              + " is dated "
              + recordedAt
              + ", in the future (not written by the ledger)");
    }
  }

  private void add(Problem problem, long seq, String message) {
    findings.add(new Finding(problem, seq, message));
  }

  private static byte[] hash(String hex) {
    return Hashes.isHexDigest(hex) ? Hashes.unhex(hex) : null;
  }
}
