package dev.colony.mcp.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit, and cancels the exchange past it.
 *
 * <p>A declared {@code Content-Length} over the limit fails before any byte is read; a body that
 * grows past the limit fails as soon as it does, so at most the limit plus one buffer is held.
 * Signals arrive serially, as {@link Flow.Subscriber} requires; no other synchronization is needed.
 */
final class LimitedBody implements BodySubscriber<byte[]> {
  private final long limit;
  private final long declared;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private Flow.Subscription subscription;
  private long received;

  private LimitedBody(long limit, long declared) {
    this.limit = limit;
    this.declared = declared;
  }

  /** A handler whose bodies fail with {@link TooLarge} past {@code limit} bytes. */
  static BodyHandler<byte[]> handler(long limit) {
    return info ->
        new LimitedBody(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declared > limit) {
      subscription.cancel();
      result.completeExceptionally(new TooLarge(limit, "declares " + declared + " bytes"));
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (var item : items) {
      received += item.remaining();
      if (received > limit) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(limit, "exceeds it"));
        return;
      }
      var bytes = new byte[item.remaining()];
      item.get(bytes);
      buffer.writeBytes(bytes);
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  /** The response body is larger than the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long limit, String how) {
      super("response body is larger than the limit of " + limit + " bytes (it " + how + ")");
    }
  }
}
