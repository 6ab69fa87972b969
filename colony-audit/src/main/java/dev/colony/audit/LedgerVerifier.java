package dev.colony.audit;

import dev.colony.audit.VerificationReport.Finding;
import dev.colony.audit.VerificationReport.Problem;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Recomputes the ledger's hash chain, Merkle tree and signed checkpoints from the table and the
 * checkpoint sink, needing only the public key, so it can run in a fresh process ({@code colony
 * audit verify}).
 *
 * <p>What each problem means and how it shows:
 *
 * <ul>
 *   <li><b>Edited</b>: an entry's canonical JSON no longer hashes to its leaf hash, or its {@code
 *       tenant}/{@code run_id} columns disagree with it. If the editor also recomputed the leaf
 *       hash, the chain breaks at that entry; if they recomputed every later chain hash too, the
 *       first signed checkpoint after it no longer matches the tree.
 *   <li><b>Deleted</b>: the sequence has a gap ("entry 17 missing (deleted) — sequence jumps from
 *       16 to 18"). Renumbering the rows after a gap shows as reordered entries, since each entry's
 *       content holds its own position.
 *   <li><b>Reordered</b>: a row holds content recorded at another position.
 *   <li><b>Appended behind the back</b>: rows inserted into the table, not through the ledger.
 *       Anyone can compute a valid-looking leaf and chain hash, so what proves an entry is a signed
 *       checkpoint covering it. The running ledger writes one every N entries, every T seconds and
 *       on close, and only ever over entries it wrote itself (a row it did not write makes its next
 *       append fail on the duplicate position). So entries that no checkpoint covers and that were
 *       recorded more than the tail tolerance ago (2T + 5 s for a ledger's own verification), or
 *       are dated in the future, are reported. Younger ones are only noted: they may be waiting for
 *       the next checkpoint.
 *   <li><b>Truncated</b>: the table ends before the latest signed checkpoint does.
 *   <li><b>Forged checkpoint</b>: a checkpoint that is malformed or whose signature fails; it is
 *       not used to check the tree.
 *   <li><b>Checkpoints missing</b>: entries exist but no signed checkpoint does (the file was
 *       deleted or moved).
 * </ul>
 *
 * <p>Immutable and thread-safe; each {@link #verify()} reads the table afresh.
 */
public final class LedgerVerifier {
  /** A tail tolerance that never reports an uncheckpointed tail. */
  static final Duration NO_TAIL_LIMIT = Duration.ofDays(365L * 1000);

  private final LedgerTable table;
  private final CheckpointSink checkpoints;
  private final VerifierKey key;
  private final Duration tailTolerance;
  private final Clock clock;

  private LedgerVerifier(Builder builder) {
    this.table = new LedgerTable(builder.dataSource);
    this.checkpoints = builder.checkpoints;
    this.key = builder.key;
    this.tailTolerance = builder.tailTolerance;
    this.clock = builder.clock;
  }

  /**
   * A builder for a verifier of the ledger in a database, against the checkpoints in a sink,
   * trusting one public key.
   */
  public static Builder builder(
      DataSource dataSource, CheckpointSink checkpoints, VerifierKey key) {
    return new Builder(dataSource, checkpoints, key);
  }

  /**
   * Verifies the whole ledger.
   *
   * @throws LedgerFailure if the table or the checkpoints cannot be read at all
   */
  public VerificationReport verify() {
    var findings = new ArrayList<Finding>();
    var notes = new ArrayList<String>();
    var roots = new TreeMap<Long, List<String>>();
    var notesRead = checkpoints.readAll();
    for (int i = 0; i < notesRead.size(); i++) {
      try {
        var checkpoint = Checkpoint.open(notesRead.get(i), key);
        roots
            .computeIfAbsent(checkpoint.size(), size -> new ArrayList<>())
            .add(checkpoint.rootHash());
      } catch (LedgerFailure e) {
        findings.add(
            new Finding(
                Problem.CHECKPOINT_FORGED,
                0,
                "checkpoint #" + (i + 1) + " in " + checkpoints + ": " + e.getMessage()));
      }
    }
    var walk = new LedgerWalk(roots, clock.instant(), tailTolerance);
    try {
      table.scan(walk::visit);
    } catch (SQLException e) {
      throw new LedgerFailure(
          "could not read the ledger table colony_ledger to verify it: " + e.getMessage(), e);
    }
    walk.finish();
    findings.addAll(walk.findings());
    notes.addAll(walk.notes());
    if (roots.isEmpty() && walk.entries() > 0) {
      findings.add(
          new Finding(
              Problem.CHECKPOINTS_MISSING,
              0,
              "no checkpoint signed by "
                  + key.name()
                  + " in "
                  + checkpoints
                  + ", but the ledger has "
                  + walk.entries()
                  + " entries: the checkpoints were deleted or moved, so neither a truncated"
                  + " tail nor rows appended behind the ledger's back can be detected"));
    }
    if (findings.size() > VerificationReport.MAX_FINDINGS) {
      notes.add(
          "and "
              + (findings.size() - VerificationReport.MAX_FINDINGS)
              + " more problems not listed");
      findings.subList(VerificationReport.MAX_FINDINGS, findings.size()).clear();
    }
    return new VerificationReport(
        findings.isEmpty(),
        walk.entries(),
        notesRead.size(),
        roots.isEmpty() ? 0 : roots.lastKey(),
        findings,
        notes);
  }

  /** Builds a {@link LedgerVerifier}; not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private final CheckpointSink checkpoints;
    private final VerifierKey key;
    private Duration tailTolerance = Duration.ofMinutes(1);
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource dataSource, CheckpointSink checkpoints, VerifierKey key) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * How long an entry may go without a checkpoint before it is reported as appended behind the
     * ledger's back (default one minute; give the ledger's checkpoint interval with some slack).
     */
    public Builder tailTolerance(Duration tolerance) {
      if (tolerance.isNegative()) {
        throw new dev.colony.core.InvalidInput(
            "tailTolerance", "must not be negative, got " + tolerance);
      }
      this.tailTolerance = tolerance;
      return this;
    }

    /** The clock that says how old the entries are. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public LedgerVerifier build() {
      return new LedgerVerifier(this);
    }
  }
}
