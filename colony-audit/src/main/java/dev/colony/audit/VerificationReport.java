package dev.colony.audit;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What verifying the ledger found: how much was checked, and each problem with the entry it starts
 * at.
 *
 * @param ok whether no problem was found
 * @param entriesChecked how many rows of the ledger table were checked
 * @param checkpointsChecked how many signed checkpoints were read (valid or not)
 * @param checkpointedSize the size of the largest validly signed checkpoint, 0 if none
 * @param findings the problems, in the order found (at most {@link #MAX_FINDINGS})
 * @param notes observations that are not problems, such as entries not yet checkpointed
 */
public record VerificationReport(
    boolean ok,
    long entriesChecked,
    int checkpointsChecked,
    long checkpointedSize,
    List<Finding> findings,
    List<String> notes) {

  /** The most findings a report lists; a note says how many more there were. */
  public static final int MAX_FINDINGS = 100;

  public VerificationReport {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }

  /** The kinds of problem verification names. */
  public enum Problem {
    /** An entry's content does not match its leaf hash, or its indexed columns disagree with it. */
    EDITED,
    /** The sequence has a gap: entries were removed from the middle. */
    DELETED,
    /** An entry holds the content recorded at another position. */
    REORDERED,
    /** An entry's chain hash does not follow from its predecessor's: rows were rewritten. */
    CHAIN_BROKEN,
    /** A signed checkpoint's root does not match the tree the table holds at that size. */
    CHECKPOINT_MISMATCH,
    /** Entries no signed checkpoint covers have been waiting longer than checkpoints allow. */
    APPENDED_BEHIND_THE_BACK,
    /** The table holds fewer entries than a signed checkpoint covers. */
    TRUNCATED,
    /** A checkpoint is malformed, not signed by the ledger's key, or its signature fails. */
    CHECKPOINT_FORGED,
    /** The ledger has entries but there is no signed checkpoint at all. */
    CHECKPOINTS_MISSING
  }

  /**
   * One problem.
   *
   * @param problem what kind of problem
   * @param seq the first entry it concerns, or 0 when it concerns no single entry
   * @param message a sentence naming the entry and what is wrong with it
   */
  public record Finding(Problem problem, long seq, String message) {
    public Finding {
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The first bad entry: the lowest entry a finding names precisely, or else, when only checkpoints
   * disagree with the tree, the first entry after the last checkpoint that matches it.
   */
  public OptionalLong firstBadEntry() {
    var precise =
        findings.stream()
            .filter(f -> f.problem() != Problem.CHECKPOINT_MISMATCH)
            .mapToLong(Finding::seq)
            .filter(seq -> seq > 0)
            .min();
    return precise.isPresent()
        ? precise
        : findings.stream().mapToLong(Finding::seq).filter(seq -> seq > 0).min();
  }

  /** Whether some finding is of the given kind. */
  public boolean has(Problem problem) {
    return findings.stream().anyMatch(f -> f.problem() == problem);
  }

  /** A few lines for people: the verdict, then each finding and note. */
  public String summary() {
    var out = new StringBuilder();
    if (ok) {
      out.append("ledger verified: ");
    } else {
      out.append("ledger NOT verified: ");
    }
    out.append(entriesChecked)
        .append(" entries, ")
        .append(checkpointsChecked)
        .append(" checkpoints, latest valid checkpoint covers ")
        .append(checkpointedSize)
        .append(" entries");
    firstBadEntry().ifPresent(seq -> out.append("; first bad entry ").append(seq));
    for (var finding : findings) {
      out.append("\n  ").append(finding.problem()).append(": ").append(finding.message());
    }
    for (var note : notes) {
      out.append("\n  note: ").append(note);
    }
    return out.toString();
  }
}
