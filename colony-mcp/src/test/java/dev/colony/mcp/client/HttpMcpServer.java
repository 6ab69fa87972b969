package dev.colony.mcp.client;

import io.javalin.Javalin;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** An MCP Java SDK server over Streamable HTTP, in Jetty (through Javalin) on loopback. */
final class HttpMcpServer implements AutoCloseable {
  private final Javalin app;
  private final McpSyncServer mcp;
  private final List<String> authorizations;

  private HttpMcpServer(Javalin app, McpSyncServer mcp, List<String> authorizations) {
    this.app = app;
    this.mcp = mcp;
    this.authorizations = authorizations;
  }

  /** Serves {@code tools} on {@code port} (0 for any free port). */
  static HttpMcpServer start(int port, List<SyncToolSpecification> tools) {
    return start(port, tools, new CountDownLatch(0));
  }

  /** Serves {@code tools} on {@code port}, holding every request until {@code opened} opens. */
  static HttpMcpServer start(int port, List<SyncToolSpecification> tools, CountDownLatch opened) {
    var authorizations = new CopyOnWriteArrayList<String>();
    var transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(TestTools.JSON)
            .mcpEndpoint("/mcp")
            .contextExtractor(
                request -> {
                  var header = request.getHeader("Authorization");
                  authorizations.add(header == null ? "(none)" : header);
                  try {
                    opened.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return McpTransportContext.EMPTY;
                })
            .build();
    var mcp =
        McpServer.sync(transport)
            .serverInfo("test-server", "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(tools)
            .build();
    var app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = port;
              config.jetty.modifyServletContextHandler(
                  handler -> {
                    var holder = new ServletHolder(transport);
                    holder.setAsyncSupported(true);
                    handler.addServlet(holder, "/mcp");
                  });
            });
    app.start();
    return new HttpMcpServer(app, mcp, authorizations);
  }

  /** A port nothing listens on right now. */
  static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of a server on {@code port} on loopback. */
  static URI url(int port) {
    return URI.create("http://127.0.0.1:" + port + "/mcp");
  }

  URI url() {
    return url(port());
  }

  int port() {
    return app.port();
  }

  /** The SDK server, to add, remove and change tools while clients are connected. */
  McpSyncServer mcp() {
    return mcp;
  }

  /** The Authorization header of every request so far, "(none)" where there was none. */
  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    mcp.close();
    app.stop();
  }
}
