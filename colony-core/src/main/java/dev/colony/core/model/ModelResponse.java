package dev.colony.core.model;

import java.util.Objects;

/**
 * One model turn's output.
 *
 * @param message the model's reply
 * @param usage tokens the turn used
 * @param model the model that answered, as the provider named it
 */
public record ModelResponse(Message.Assistant message, Usage usage, String model) {
  public ModelResponse {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(model, "model");
  }
}
