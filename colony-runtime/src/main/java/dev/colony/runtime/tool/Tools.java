package dev.colony.runtime.tool;

import dev.colony.core.tool.Tool;
import dev.colony.core.tool.ToolHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/** Turns objects with {@link Tool}-annotated methods into tool handlers. */
public final class Tools {
  private Tools() {}

  /**
   * One handler per {@link Tool}-annotated method of the object's class (public or not), in name
   * order.
   *
   * @throws IllegalArgumentException if the object has no tool methods, two share a name, or a
   *     signature cannot be described as JSON Schema (the message names the method and type)
   */
  public static List<ToolHandler> from(Object target) {
    var handlers = new ArrayList<ToolHandler>();
    var names = new HashSet<String>();
    var methods =
        Arrays.stream(target.getClass().getDeclaredMethods())
            .filter(m -> m.isAnnotationPresent(Tool.class))
            .sorted(Comparator.comparing(m -> m.getAnnotation(Tool.class).name()))
            .toList();
    for (var method : methods) {
      var annotation = method.getAnnotation(Tool.class);
      if (!names.add(annotation.name())) {
        throw new IllegalArgumentException(
            target.getClass().getSimpleName() + " declares tool '" + annotation.name() + "' twice");
      }
      handlers.add(new MethodTool(target, method, annotation));
    }
    if (handlers.isEmpty()) {
      throw new IllegalArgumentException(
          target.getClass().getName() + " has no methods annotated with @Tool");
    }
    return List.copyOf(handlers);
  }
}
