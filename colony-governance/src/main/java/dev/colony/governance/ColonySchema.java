package dev.colony.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Colony's Cedar schema: the bundled {@code colony.cedarschema} (entity types and tier groups) with
 * one action per tool added inside its namespace.
 */
final class ColonySchema {
  static final String RESOURCE = "colony.cedarschema";
  private static final String BASE = load();

  private ColonySchema() {}

  /** The bundled schema, without tool actions. */
  static String base() {
    return BASE;
  }

  /** The schema with an action for each tool, in the order given. */
  static String withTools(Collection<ToolModel> tools) {
    int close = BASE.lastIndexOf('}');
    var out = new StringBuilder(BASE.length() + tools.size() * 300);
    out.append(BASE, 0, close);
    out.append("\n  // Tool actions, one per tool the node serves.\n");
    for (var tool : tools) {
      out.append(tool.declaration());
    }
    return out.append(BASE, close, BASE.length()).toString();
  }

  private static String load() {
    try (InputStream in = ColonySchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource dev/colony/governance/" + RESOURCE + " is missing from colony-governance");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
