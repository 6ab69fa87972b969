package dev.colony.mcp.client;

import dev.colony.core.tool.ToolFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MCP server's connection: made on first use, made again with exponential backoff after it
 * fails, and guarded by a circuit breaker.
 *
 * <p>Thread-safe: making a connection is serialized by a lock (callers arriving meanwhile wait for
 * its outcome: at most the connect timeout, plus a request timeout for the tool listing); calls on
 * a made connection run concurrently. What the two share (the connection, failures in a row, the
 * next attempt, the last error) is guarded by {@code this}.
 *
 * <p>What counts as a failure, for the backoff and the breaker: the server cannot be reached, the
 * connection breaks, or an answer does not come in time. A JSON-RPC error is an answer: the server
 * is up, the call was wrong. After a broken connection the link drops it and reconnects on a later
 * call, once the backoff has passed; after a timeout it keeps the connection (the server may just
 * be slow) unless the breaker opens, which drops it so that the breaker's trial call reconnects.
 */
final class ServerLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerLink.class);
  private static final int MAX_REASON = 500;

  private final String server;
  private final Supplier<Clients.Connection> connector;
  private final Consumer<McpSyncClient> onConnect;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration requestTimeout;
  private final Duration openFor;
  private final Executor executor;
  private final CircuitBreaker breaker;
  private final ReentrantLock connecting = new ReentrantLock();

  private Clients.Connection current;
  private int failures;
  private Instant nextAttempt = Instant.MIN;
  private String lastError = "none";
  private Instant openUntil = Instant.MIN;
  private boolean closed;

  /**
   * @param connector makes and initializes a connection, or throws
   * @param onConnect runs on every new connection before it is used (the tool listing); if it
   *     throws, the connection counts as failed
   * @param failuresToOpen calls in a row that must fail for the breaker to open
   * @param openFor how long the breaker stays open before one trial call
   * @param executor watches stdio child processes, one long task per connection
   */
  ServerLink(
      McpServerRef ref,
      Supplier<Clients.Connection> connector,
      Consumer<McpSyncClient> onConnect,
      Clock clock,
      Backoff backoff,
      int failuresToOpen,
      Duration openFor,
      Executor executor) {
    this.server = ref.name();
    this.requestTimeout = ref.requestTimeout();
    this.connector = connector;
    this.onConnect = onConnect;
    this.clock = clock;
    this.backoff = backoff;
    this.openFor = openFor;
    this.executor = executor;
    var config =
        CircuitBreakerConfig.custom()
            .slidingWindow(
                failuresToOpen, failuresToOpen, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .failureRateThreshold(100)
            .permittedNumberOfCallsInHalfOpenState(1)
            .waitDurationInOpenState(openFor)
            .writableStackTraceEnabled(false)
            .clock(clock)
            .build();
    this.breaker = CircuitBreaker.of("mcp-" + server, config);
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                opened();
              }
            });
  }

  /**
   * Runs {@code work} on the connection, connecting first if there is none.
   *
   * @param what what the work is for, as the object of a sentence ({@code tool 'github.search'})
   * @throws ToolFailure naming the server, what failed and when the link tries again; a {@link
   *     ToolFailure} thrown by {@code work} itself passes through without counting as a failure
   */
  <T> T call(String what, Function<McpSyncClient, T> work) {
    if (!breaker.tryAcquirePermission()) {
      throw new ToolFailure(refusedByBreaker(what));
    }
    long start = breaker.getCurrentTimestamp();
    Clients.Connection connection;
    try {
      connection = connection(what);
    } catch (NotTried e) {
      breaker.releasePermission();
      throw e;
    } catch (ConnectFailed e) {
      breaker.onError(
          breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e.getCause());
      throw e;
    }
    try {
      T result = work.apply(connection.client());
      breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
      return result;
    } catch (ToolFailure e) {
      breaker.releasePermission();
      throw e;
    } catch (McpError e) {
      breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
      throw new ToolFailure(
          "MCP server '%s' answered %s with an error: %s".formatted(server, what, describe(e)), e);
    } catch (RuntimeException e) {
      if (causedBy(e, InterruptedException.class)) {
        breaker.releasePermission();
        Thread.currentThread().interrupt();
        throw new ToolFailure(
            "interrupted while waiting for MCP server '%s' (%s)".formatted(server, what), e);
      }
      if (causedBy(e, TimeoutException.class)) {
        breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
        remember(e);
        throw new ToolFailure(
            "MCP server '%s' did not answer %s within %s"
                .formatted(server, what, human(requestTimeout)),
            e);
      }
      var next = failed(connection, e);
      breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
      throw new ToolFailure(
          "MCP server '%s' failed during %s: %s; it will try to reconnect at %s"
              .formatted(server, what, describe(e), at(next)),
          e);
    }
  }

  /** The circuit breaker's state, for operators and tests. */
  CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  @Override
  public void close() {
    Clients.Connection last;
    synchronized (this) {
      closed = true;
      last = current;
      current = null;
    }
    if (last == null) {
      return;
    }
    try {
      if (!last.client().closeGracefully()) {
        log.warn("MCP server '{}' did not close its session in time", server);
      }
    } catch (RuntimeException e) {
      log.warn("MCP server '{}': closing its session failed", server, e);
    }
  }

  private Clients.Connection connection(String what) {
    synchronized (this) {
      if (current != null) {
        return current;
      }
    }
    connecting.lock();
    try {
      synchronized (this) {
        if (closed) {
          throw new NotTried(
              "the tool source of MCP server '%s' is closed, so %s was not tried"
                  .formatted(server, what));
        }
        if (current != null) {
          return current;
        }
        if (clock.instant().isBefore(nextAttempt)) {
          throw new NotTried(
              ("MCP server '%s' is unreachable (last error: %s), so %s was not tried; it will try"
                      + " to reconnect at %s")
                  .formatted(server, lastError, what, at(nextAttempt)));
        }
      }
      Clients.Connection made = null;
      try {
        made = connector.get();
        onConnect.accept(made.client());
      } catch (RuntimeException e) {
        if (made != null) {
          Clients.discard(server, made);
        }
        var next = failed(null, e);
        throw new ConnectFailed(
            "MCP server '%s' could not be reached for %s: %s; it will try to reconnect at %s"
                .formatted(server, what, describe(e), at(next)),
            e);
      }
      synchronized (this) {
        if (closed) {
          Clients.discard(server, made);
          throw new NotTried(
              "the tool source of MCP server '%s' is closed, so %s was not tried"
                  .formatted(server, what));
        }
        current = made;
        failures = 0;
        nextAttempt = Instant.MIN;
      }
      log.info("Connected to MCP server '{}'", server);
      watch(made);
      return made;
    } finally {
      connecting.unlock();
    }
  }

  /** Records a failure of {@code broken} (or of a connection attempt, if null); drops it. */
  private Instant failed(Clients.Connection broken, Throwable cause) {
    Instant next;
    synchronized (this) {
      if (broken == null || broken == current) {
        current = null;
        failures++;
        nextAttempt = clock.instant().plus(backoff.delay(failures));
        lastError = describe(cause);
        log.warn(
            "MCP server '{}' failed ({} in a row): {}; reconnecting at {}",
            server,
            failures,
            lastError,
            at(nextAttempt));
      }
      next = nextAttempt;
    }
    if (broken != null) {
      Clients.discard(server, broken);
    }
    return next;
  }

  private synchronized void remember(Throwable cause) {
    lastError = describe(cause);
  }

  private void opened() {
    Clients.Connection dropped;
    synchronized (this) {
      openUntil = clock.instant().plus(openFor);
      dropped = current;
      current = null;
      log.warn(
          "MCP server '{}' failed repeatedly (last error: {}); its circuit breaker is open until {}",
          server,
          lastError,
          at(openUntil));
    }
    if (dropped != null) {
      Clients.discard(server, dropped);
    }
  }

  private synchronized String refusedByBreaker(String what) {
    if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
      return ("MCP server '%s' is being tried again after repeated failures, so %s was not tried;"
              + " calls resume when that trial succeeds")
          .formatted(server, what);
    }
    return ("MCP server '%s' failed repeatedly (last error: %s); its circuit breaker is open, so %s"
            + " was not tried; it will try again at %s")
        .formatted(server, lastError, what, at(openUntil));
  }

  private void watch(Clients.Connection made) {
    if (made.process() == null) {
      return;
    }
    executor.execute(
        () -> {
          try {
            made.process().awaitForExit();
          } catch (RuntimeException e) {
            log.debug("Stopped watching the process of MCP server '{}'", server, e);
            return;
          }
          synchronized (this) {
            if (closed || made != current) {
              return;
            }
          }
          failed(made, new IllegalStateException("its process exited"));
        });
  }

  /** What went wrong, in a few words for a message: a JSON-RPC error, a timeout, a cause. */
  static String describe(Throwable e) {
    return shortened(reason(e));
  }

  private static String reason(Throwable e) {
    if (e instanceof McpError error && error.getJsonRpcError() != null) {
      var rpc = error.getJsonRpcError();
      var text = rpc.code() + " " + rpc.message();
      return rpc.data() == null ? text : text + " (" + rpc.data() + ")";
    }
    if (causedBy(e, TimeoutException.class)) {
      return "no answer in time";
    }
    String message = null;
    Throwable deepest = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException) {
        return t.getMessage() == null ? "cannot connect" : "cannot connect: " + t.getMessage();
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
      deepest = t;
    }
    return message != null ? message : deepest.getClass().getSimpleName();
  }

  private static String shortened(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String at(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  /** A connection could not be made; it counts for the breaker. */
  private static final class ConnectFailed extends ToolFailure {
    private static final long serialVersionUID = 1L;

    ConnectFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A call refused before anything was sent; it does not count for the breaker. */
  private static final class NotTried extends ToolFailure {
    private static final long serialVersionUID = 1L;

    NotTried(String message) {
      super(message);
    }
  }
}
