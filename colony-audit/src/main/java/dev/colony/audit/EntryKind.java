package dev.colony.audit;

/** What a ledger entry records about one tool call. */
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
  FAILED
}
