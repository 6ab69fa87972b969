package dev.colony.core.agent;

import dev.colony.core.ColonyException;

/** A run used up one of its {@link Budget} limits. */
public final class BudgetExceeded extends ColonyException {
  private static final long serialVersionUID = 1L;
  private final String limit;

  public BudgetExceeded(String limit, String message) {
    super(message);
    this.limit = limit;
  }

  /** Which limit: {@code steps}, {@code tokens}, {@code toolCalls} or {@code wallTime}. */
  public String limit() {
    return limit;
  }
}
