package dev.colony.core;

/**
 * A request came faster than its limit allows; nothing was changed. Trying again after a while
 * succeeds.
 */
public final class RateLimited extends ColonyException {
  private static final long serialVersionUID = 1L;

  public RateLimited(String message) {
    super(message);
  }
}
