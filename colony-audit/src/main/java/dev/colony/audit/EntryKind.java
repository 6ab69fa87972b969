package dev.colony.audit;

/**
 * What a ledger entry records about one tool call.
 *
 * <p>A call to a tool with an effect (every tier but {@code READ}) that the Gate lets through has
 * two entries with the same call, trace and span id: {@link #INTENT} before the tool runs, then its
 * outcome ({@link #EXECUTED}, {@link #FAILED} or {@link #ALLOW}). Any other call has its outcome
 * entry only. An intent with no outcome after it is a call cut off mid-run: its process stopped
 * while the tool ran (or before the outcome could be written), so the effect may or may not have
 * happened.
 */
public enum EntryKind {
  /** The Gate allowed the call and the tool started, but waits on something (a child run). */
  ALLOW,
  /** The call was stopped before it ran, by the Gate or by the person asked to approve it. */
  DENY,
  /** Policy asked for a person's approval; the run waits. */
  APPROVAL_REQUESTED,
  /** A person approved the call. */
  APPROVED,
  /** The Gate allowed the call and the tool ran and returned a result. */
  EXECUTED,
  /** The Gate allowed the call and the tool ran, but reported an error. */
  FAILED,
  /**
   * The Gate allowed a call to a tool with an effect and is about to run it: written ahead, before
   * the tool runs, which it does only once this entry is stored. Its outcome entry follows.
   */
  INTENT;

  /**
   * Whether an entry of this kind ends a call's passage through the Gate: every kind but {@link
   * #INTENT}, which announces one, and {@link #APPROVED}, which is a person's vote.
   */
  public boolean outcome() {
    return this != INTENT && this != APPROVED;
  }
}
