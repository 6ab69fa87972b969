package dev.colony.core;

/**
 * The root of every error Colony raises.
 *
 * <p>Subclasses name the domain that failed ({@link InvalidInput}, {@link NotFound}, {@link
 * Conflict}, and in the feature packages {@code ToolFailure}, {@code BudgetExceeded}, {@code
 * ModelFailure}). Messages say what was wrong, where, and with which value.
 */
public class ColonyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ColonyException(String message) {
    super(message);
  }

  public ColonyException(String message, Throwable cause) {
    super(message, cause);
  }
}
