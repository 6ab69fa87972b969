package dev.colony.mcp.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that records each request and answers as a test tells it to.
 *
 * <p>Answers are keyed by {@code METHOD /raw/path}; unknown routes get 404. {@link #stall} makes a
 * route wait until {@link #close()}, for timeouts.
 */
final class FakeApi implements AutoCloseable {
  /** A request as the server saw it. */
  record Seen(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  /** What a route answers. */
  record Answer(int status, String contentType, byte[] body, boolean chunked) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final Map<String, Boolean> stalled = new ConcurrentHashMap<>();
  private final AtomicInteger received = new AtomicInteger();

  FakeApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  int port() {
    return server.getAddress().getPort();
  }

  FakeApi answer(String route, int status, String contentType, String body) {
    answers.put(
        route, new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), false));
    return this;
  }

  FakeApi answer(String route, Answer answer) {
    answers.put(route, answer);
    return this;
  }

  FakeApi json(String route, int status, String json) {
    return answer(route, status, "application/json", json);
  }

  FakeApi stall(String route) {
    stalled.put(route, true);
    return this;
  }

  /** The next request the server received; fails the test if none arrives within 5 s. */
  Seen next() {
    try {
      var request = seen.poll(5, TimeUnit.SECONDS);
      if (request == null) {
        throw new AssertionError("the fake API received no request");
      }
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** How many requests the server has received. */
  int received() {
    return received.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var uri = exchange.getRequestURI();
      var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.incrementAndGet();
      seen.add(
          new Seen(
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      var route = exchange.getRequestMethod() + " " + uri.getRawPath();
      if (stalled.containsKey(route)) {
        released.await(30, TimeUnit.SECONDS);
        return;
      }
      var answer = answers.get(route);
      if (answer == null) {
        answer =
            new Answer(
                404,
                "application/json",
                "{\"error\":\"no route\"}".getBytes(StandardCharsets.UTF_8),
                false);
      }
      if (answer.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
      }
      if (answer.body().length == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
        return;
      }
      exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : answer.body().length);
      try (var out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client went away (a timeout or an oversized response it cancelled); nothing to answer
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
