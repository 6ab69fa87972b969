package dev.colony.audit;

import dev.colony.core.ColonyException;

/**
 * The ledger could not record, read or trust what it holds: the database failed, another writer
 * appended behind its back, or what it found contradicts its signed checkpoints.
 */
public final class LedgerFailure extends ColonyException {
  private static final long serialVersionUID = 1L;

  public LedgerFailure(String message) {
    super(message);
  }

  public LedgerFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
