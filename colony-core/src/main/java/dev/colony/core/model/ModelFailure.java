package dev.colony.core.model;

import dev.colony.core.ColonyException;

/** A model provider failed to answer. */
public final class ModelFailure extends ColonyException {
  private static final long serialVersionUID = 1L;
  private final boolean retryable;

  public ModelFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public ModelFailure(String message, boolean retryable) {
    this(message, retryable, null);
  }

  /** Whether trying again later may succeed (rate limit, overload, timeout). */
  public boolean retryable() {
    return retryable;
  }
}
