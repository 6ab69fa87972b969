package dev.colony.cli;

import dev.colony.core.NotFound;
import dev.colony.mcp.server.ColonyMcpServer;
import dev.colony.server.Node;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code colony mcp}: the node's MCP servers. */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = "The node's MCP servers (over HTTP they are at /mcp/{server} of 'colony up').",
    subcommands = {McpCommand.Serve.class, McpCommand.ListServers.class})
final class McpCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the MCP servers.")
  static final class ListServers implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin NodeOptions node;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      try (var colony = Node.open(node.config())) {
        for (var server : colony.mcpServers()) {
          out.println(server.name() + " (/mcp/" + server.name() + ")");
          for (var tool : colony.runtime().toolsOf(server.runtimeName())) {
            out.println("  " + tool.name() + " (" + tool.tier() + ")");
          }
        }
      }
      return 0;
    }
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = {
        "Serve one MCP server over stdio, for a client that starts this command: JSON-RPC on",
        "standard input and output, logs on standard error. Calls are made as the node's local",
        "user and pass the Gate like any other; it ends when standard input closes."
      })
  static final class Serve implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SERVER", description = "orders, payments, inventory")
    String server;

    @Option(names = "--stdio", required = true, description = "Serve over standard input/output.")
    boolean stdio;

    @Mixin NodeOptions node;

    @Override
    public Integer call() throws InterruptedException {
      try (var colony = Node.open(node.config())) {
        var spec =
            colony.mcpServers().stream()
                .filter(s -> s.name().equals(server))
                .findFirst()
                .orElseThrow(() -> new NotFound("MCP server", server));
        var closed = new CountDownLatch(1);
        var mcp =
            ColonyMcpServer.stdio(
                spec,
                colony.runtime(),
                colony.localEnvelope(),
                new EndOfInput(System.in, closed),
                System.out);
        closed.await();
        mcp.closeGracefully();
        return 0;
      }
    }
  }

  /** Standard input that counts down a latch when it ends. */
  private static final class EndOfInput extends FilterInputStream {
    private final CountDownLatch closed;

    EndOfInput(InputStream in, CountDownLatch closed) {
      super(in);
      this.closed = closed;
    }

    @Override
    public int read() throws IOException {
      return ended(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return ended(super.read(b, off, len));
    }

    private int ended(int n) {
      if (n < 0) {
        closed.countDown();
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      closed.countDown();
      super.close();
    }
  }
}
