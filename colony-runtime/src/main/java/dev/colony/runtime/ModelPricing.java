package dev.colony.runtime;

import dev.colony.core.model.Usage;
import java.util.Map;

/**
 * What a model turn costs, in millionths of the node's currency unit, for cost budgets.
 *
 * <pre>{@code
 * // 2.00 per million input tokens, 8.00 per million output tokens
 * ModelPricing.perMillionTokens(Map.of("openai:gpt-4.1", new ModelPricing.Price(2.00, 8.00)))
 * }</pre>
 */
@FunctionalInterface
public interface ModelPricing {
  long costMicros(String model, Usage usage);

  /** Every model turn costs nothing (the offline planner, a local model). */
  static ModelPricing free() {
    return (model, usage) -> 0;
  }

  /**
   * Prices per million tokens by model name (as {@code ModelClient.name()} gives it); models not
   * listed cost nothing.
   */
  static ModelPricing perMillionTokens(Map<String, Price> prices) {
    var copy = Map.copyOf(prices);
    return (model, usage) -> {
      var price = copy.get(model);
      return price == null
          ? 0
          : Math.round(
              usage.inputTokens() * price.inputPerMillion()
                  + usage.outputTokens() * price.outputPerMillion());
    };
  }

  /** A model's price per million input and output tokens, in the node's currency unit. */
  record Price(double inputPerMillion, double outputPerMillion) {
    public Price {
      if (inputPerMillion < 0 || outputPerMillion < 0) {
        throw new IllegalArgumentException("prices must not be negative");
      }
    }
  }
}
