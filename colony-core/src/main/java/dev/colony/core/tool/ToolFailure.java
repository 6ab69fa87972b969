package dev.colony.core.tool;

import dev.colony.core.ColonyException;

/** A tool could not do what was asked; the message is shown to the model and in the run. */
public class ToolFailure extends ColonyException {
  private static final long serialVersionUID = 1L;

  public ToolFailure(String message) {
    super(message);
  }

  public ToolFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
