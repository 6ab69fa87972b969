package dev.colony.core.approval;

/** Where an approval stands. Only {@link #PENDING} can change, and only once. */
public enum ApprovalStatus {
  PENDING,
  APPROVED,
  DENIED;

  public boolean decided() {
    return this != PENDING;
  }
}
