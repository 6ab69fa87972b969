package dev.colony.governance;

import dev.colony.core.InvalidInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A file of Cedar policies: its name, used in error messages and default policy ids, and its text.
 *
 * @param name where the text came from, for example {@code policies/retail/orders.cedar}
 * @param text the policies, in Cedar's policy syntax
 */
public record PolicyFile(String name, String text) {
  /** Policy files larger than this are refused; a policy set this big is a mistake. */
  static final int MAX_CHARS = 4 * 1024 * 1024;

  public PolicyFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    if (name.isBlank()) {
      throw new InvalidInput("policy file name", "must not be blank");
    }
    if (text.length() > MAX_CHARS) {
      throw new InvalidInput(
          name, "is " + text.length() + " characters, more than the limit of " + MAX_CHARS);
    }
  }

  /** A policy file given as text. */
  public static PolicyFile of(String name, String text) {
    return new PolicyFile(name, text);
  }

  /**
   * The policy files at a path: the file itself, or every {@code *.cedar} file directly in a
   * directory, in name order.
   *
   * @throws InvalidInput if the path does not exist, cannot be read or is not UTF-8
   */
  public static List<PolicyFile> read(Path path) {
    Objects.requireNonNull(path, "path");
    if (Files.isDirectory(path)) {
      try (Stream<Path> entries = Files.list(path)) {
        var files = new ArrayList<PolicyFile>();
        for (var file :
            entries.filter(p -> p.getFileName().toString().endsWith(".cedar")).sorted().toList()) {
          files.add(readFile(file));
        }
        return List.copyOf(files);
      } catch (IOException e) {
        throw new InvalidInput(path.toString(), "cannot list the directory: " + e.getMessage());
      }
    }
    return List.of(readFile(path));
  }

  /**
   * A policy file on the class path, for example {@code policies/retail/orders.cedar}.
   *
   * @throws InvalidInput if there is no such resource
   */
  public static PolicyFile resource(String name) {
    Objects.requireNonNull(name, "name");
    var loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in =
        (loader != null ? loader : PolicyFile.class.getClassLoader()).getResourceAsStream(name)) {
      if (in == null) {
        throw new InvalidInput(name, "no such resource on the class path");
      }
      return new PolicyFile(name, decode(name, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  private static PolicyFile readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(file.toString(), "no such policy file");
    }
    try {
      var size = Files.size(file);
      if (size > MAX_CHARS * 4L) {
        throw new InvalidInput(
            file.toString(), "is " + size + " bytes, more than a policy file may be");
      }
      return new PolicyFile(file.toString(), decode(file.toString(), Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new InvalidInput(file.toString(), "cannot be read: " + e.getMessage());
    }
  }

  private static String decode(String name, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInput(name, "is not valid UTF-8");
    }
  }
}
