package dev.colony.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js server run as a child process for as long as a test needs it, on a free port: started
 * by {@link #start}, which returns once the port accepts connections on loopback, and stopped by
 * {@link #close}. Its output is kept under {@code target/node-peers/}. Not thread-safe: one test
 * class starts and stops it.
 */
public final class NodeServer implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);

  private final String name;
  private final Process process;
  private final int port;
  private final Path stdout;
  private final Path stderr;

  private NodeServer(String name, Process process, int port, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Runs {@code node arguments...} in the module's directory with a free port in the environment
   * variable {@code portVariable}, and waits until that port accepts connections on 127.0.0.1.
   *
   * @param name names the output files
   * @throws IllegalStateException when node cannot be started, exits, or does not listen within
   *     {@code startup} (it is then killed); the message holds its output
   */
  public static NodeServer start(
      String name, String portVariable, List<String> arguments, Duration startup) {
    var command = new ArrayList<String>();
    command.add("node");
    command.addAll(arguments);
    var out = NodePeers.dir().resolve("target/node-peers");
    var stdout = out.resolve(name + ".stdout.txt");
    var stderr = out.resolve(name + ".stderr.txt");
    Process process;
    int port;
    try {
      Files.createDirectories(out);
      port = freePort();
      var builder =
          new ProcessBuilder(command)
              .directory(NodePeers.dir().toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().put(portVariable, Integer.toString(port));
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
    }
    var server = new NodeServer(name, process, port, stdout, stderr);
    server.awaitListening(String.join(" ", command), startup);
    return server;
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it to end. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "NodeServer[" + name + " on port " + port + "]";
  }

  private void awaitListening(String command, Duration startup) {
    var deadline = System.nanoTime() + startup.toNanos();
    while (!listening()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            command + " exited " + process.exitValue() + " before listening on " + port + output());
      }
      if (System.nanoTime() - deadline > 0) {
        close();
        throw new IllegalStateException(
            command + " did not listen on " + port + " within " + startup + "; killed" + output());
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting " + command, e);
      }
    }
  }

  private boolean listening() {
    try (var socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) POLL.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String output() {
    return "\nstdout:\n"
        + NodePeers.tail(read(stdout))
        + "\nstderr:\n"
        + NodePeers.tail(read(stderr));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A port nothing listens on now. Another process could take it before the server does; the server
   * then fails to start, saying so.
   */
  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
