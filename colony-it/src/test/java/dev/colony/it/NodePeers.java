package dev.colony.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The npm peers installed under {@code colony-it} ({@code package.json}, {@code npm ci}) and the
 * Node.js processes that run them. A missing Node.js or a missing {@code node_modules} fails the
 * test that needs it, with what to do; nothing is skipped. Stateless.
 */
public final class NodePeers {
  /** The packages the tests run, as {@code package.json} names them. */
  public static final List<String> PACKAGES =
      List.of(
          "@modelcontextprotocol/sdk",
          "@modelcontextprotocol/conformance",
          "@modelcontextprotocol/server-everything");

  private NodePeers() {}

  /** The module's directory: where package.json, node_modules/ and js/ are. */
  public static Path dir() {
    var configured = System.getProperty("colony.it.dir");
    return (configured == null ? Path.of("") : Path.of(configured)).toAbsolutePath().normalize();
  }

  /**
   * Checks that Node.js runs and every peer is installed.
   *
   * @throws IllegalStateException saying what is missing and how to install it
   */
  public static void require() {
    var missing =
        PACKAGES.stream()
            .filter(
                name ->
                    !Files.isRegularFile(dir().resolve("node_modules/" + name + "/package.json")))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the npm peers "
              + missing
              + " are not installed under "
              + dir().resolve("node_modules")
              + ": run `npm ci` in colony-it (cd colony-it && npm ci --no-audit --no-fund)");
    }
    Result version;
    try {
      version = run("node-version", Duration.ofSeconds(30), List.of("--version"));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "Node.js 20 or newer must be on the PATH to run the interop tests: " + e.getMessage(), e);
    }
    var found = version.stdout().strip();
    if (version.exit() != 0 || !found.matches("v\\d+\\..*")) {
      throw new IllegalStateException("`node --version` failed: " + version);
    }
    if (Integer.parseInt(found.substring(1, found.indexOf('.'))) < 20) {
      throw new IllegalStateException(
          "the interop tests need Node.js 20 or newer on the PATH, found " + found);
    }
  }

  /**
   * Runs {@code node} with {@code arguments} in the module's directory; its output is kept under
   * {@code target/node-peers/} as well as returned.
   *
   * @param name names the output files
   * @throws IllegalStateException when node cannot be started or does not end within {@code
   *     timeout} (the process is then killed)
   */
  public static Result run(String name, Duration timeout, List<String> arguments) {
    var command = new ArrayList<String>();
    command.add("node");
    command.addAll(arguments);
    var out = dir().resolve("target/node-peers");
    var stdout = out.resolve(name + ".stdout.txt");
    var stderr = out.resolve(name + ".stderr.txt");
    try {
      Files.createDirectories(out);
      var process =
          new ProcessBuilder(command)
              .directory(dir().toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command)
                + " did not end within "
                + timeout
                + "; it was killed.\nstdout:\n"
                + tail(read(stdout))
                + "\nstderr:\n"
                + tail(read(stderr)));
      }
      return new Result(command, process.exitValue(), read(stdout), read(stderr));
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  /** The last 4,000 characters of {@code text}: enough to see why, short enough to read. */
  public static String tail(String text) {
    return text.length() <= 4_000 ? text : "..." + text.substring(text.length() - 4_000);
  }

  /** What a node process did. */
  public record Result(List<String> command, int exit, String stdout, String stderr) {
    @Override
    public String toString() {
      return String.join(" ", command)
          + " exited "
          + exit
          + "\nstdout:\n"
          + tail(stdout)
          + "\nstderr:\n"
          + tail(stderr);
    }
  }
}
