package dev.colony.core;

/** Input at an edge was rejected; {@link #field()} names where, the message says why. */
public final class InvalidInput extends ColonyException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidInput(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The field, path or parameter that was wrong, for example {@code "arguments.amount"}. */
  public String field() {
    return field;
  }
}
