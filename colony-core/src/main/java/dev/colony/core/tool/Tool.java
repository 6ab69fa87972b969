package dev.colony.core.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool. The runtime derives the input schema from the method's parameters (each
 * annotated with {@link Param}) and the output schema from its return type.
 *
 * <pre>{@code
 * @Tool(name = "refund_charge", description = "Refund a charge", tier = RiskTier.WRITE_HIGH)
 * Refund refund(@Param(name = "charge_id", description = "The charge") String chargeId) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {
  /** The tool's name; letters, digits, '_', '-', '.'. */
  String name();

  /** What the tool does, for the model. */
  String description();

  /** The risk tier the Gate enforces. */
  RiskTier tier() default RiskTier.READ;
}
