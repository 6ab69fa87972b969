package dev.colony.core.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a tool parameter or a field of a record used as one.
 *
 * <p>Bounds apply to numbers ({@code minimum}, {@code maximum}), strings ({@code minLength}, {@code
 * maxLength}, {@code pattern}) and lists ({@code minItems}, {@code maxItems}); unset bounds are
 * left out of the schema. A parameter of type {@code Optional<T>} is not required.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Param {
  /** The JSON property name; defaults to the Java name (compile with {@code -parameters}). */
  String name() default "";

  String description() default "";

  double minimum() default Double.NEGATIVE_INFINITY;

  double maximum() default Double.POSITIVE_INFINITY;

  int minLength() default -1;

  int maxLength() default -1;

  String pattern() default "";

  int minItems() default -1;

  int maxItems() default -1;
}
