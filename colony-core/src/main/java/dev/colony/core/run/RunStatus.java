package dev.colony.core.run;

/** Where a run stands. */
public enum RunStatus {
  /** Working: a model turn or a tool batch is in progress (or was, when its node died). */
  RUNNING,
  /** Suspended on an approval or a child run; holds no thread. */
  WAITING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
