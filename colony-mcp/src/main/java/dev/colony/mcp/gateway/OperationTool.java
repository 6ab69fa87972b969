package dev.colony.mcp.gateway;

import dev.colony.core.InvalidInput;
import dev.colony.core.tool.ToolContext;
import dev.colony.core.tool.ToolFailure;
import dev.colony.core.tool.ToolHandler;
import dev.colony.core.tool.ToolOutcome;
import dev.colony.core.tool.ToolResult;
import dev.colony.core.tool.ToolSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool that calls one operation of an HTTP API. Immutable and thread-safe; each call blocks its
 * (virtual) thread until the response is read or the timeout passes.
 *
 * <p>Arguments that cannot make a request, non-2xx statuses and oversized responses are failed
 * results the model sees; a connection failure or timeout throws {@link ToolFailure} naming the
 * operation and the upstream.
 */
final class OperationTool implements ToolHandler {
  private static final Logger log = LoggerFactory.getLogger(OperationTool.class);
  private final ToolSpec spec;
  private final HttpOperation op;
  private final Upstream upstream;

  OperationTool(ToolSpec spec, HttpOperation op, Upstream upstream) {
    this.spec = spec;
    this.op = op;
    this.upstream = upstream;
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolOutcome invoke(ToolContext context, String arguments) {
    var call = context.call();
    var args =
        arguments == null || arguments.isBlank()
            ? Json.object()
            : Json.tryParse(arguments.getBytes(StandardCharsets.UTF_8));
    if (args == null || !args.isObject()) {
      return done(
          ToolResult.failure(call, "arguments of '" + spec.name() + "' must be a JSON object"));
    }
    HttpRequest request;
    try {
      request = RequestWriter.write(op, upstream, args, context.idempotencyKey());
    } catch (InvalidInput e) {
      return done(ToolResult.failure(call, spec.name() + ": " + e.getMessage()));
    }
    var response = send(request);
    if (response == null) {
      return done(
          ToolResult.failure(
              call,
              op.method()
                  + " "
                  + request.uri().getRawPath()
                  + ": the response body is larger than the limit of "
                  + upstream.maxResponseBytes()
                  + " bytes"));
    }
    return done(ResponseReader.read(call, op, response));
  }

  /** The response, or {@code null} if its body is over the size limit. */
  private HttpResponse<byte[]> send(HttpRequest request) {
    var where = "tool '" + spec.name() + "' (" + op.label() + ") at " + upstream.origin();
    var pending =
        upstream.client().sendAsync(request, LimitedBody.handler(upstream.maxResponseBytes()));
    try {
      return pending.get(upstream.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new ToolFailure(
          where + ": no response within " + Upstream.human(upstream.timeout()), e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new ToolFailure(where + ": interrupted while waiting for the response", e);
    } catch (ExecutionException e) {
      var cause = e.getCause();
      for (var c = cause; c != null; c = c.getCause()) {
        if (c instanceof LimitedBody.TooLarge tooLarge) {
          log.debug("{}: {}", where, tooLarge.getMessage());
          return null;
        }
        if (c instanceof HttpTimeoutException) {
          throw new ToolFailure(
              where + ": no response within " + Upstream.human(upstream.timeout()), cause);
        }
      }
      throw new ToolFailure(where + ": the request failed: " + describe(cause), cause);
    }
  }

  private static String describe(Throwable error) {
    var message = error.getMessage();
    var name = error.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  private static ToolOutcome done(ToolResult result) {
    return new ToolOutcome.Done(result);
  }
}
