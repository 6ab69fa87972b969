package dev.colony.core;

/** A write lost a race or broke a state rule, for example approving an approval twice. */
public final class Conflict extends ColonyException {
  private static final long serialVersionUID = 1L;

  public Conflict(String message) {
    super(message);
  }
}
