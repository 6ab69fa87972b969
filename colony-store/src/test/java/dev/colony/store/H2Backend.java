package dev.colony.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A fresh embedded H2 file database in a temporary directory. */
final class H2Backend implements Backend {
  private Path dir;

  @Override
  public Database open() {
    try {
      dir = Files.createTempDirectory("colony-store-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Database.embedded(dir);
  }

  @Override
  public void close() {
    if (dir != null) {
      delete(dir);
    }
  }

  static void delete(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(H2Backend::deleteOne);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteOne(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
