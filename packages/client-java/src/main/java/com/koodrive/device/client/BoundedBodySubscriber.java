package com.koodrive.device.client;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Collects the body into one array, up to maxBytes. */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final long maxBytes;
  private final boolean tooLargeAlready;
  private final int status;
  private Flow.Subscription subscription;
  private byte[] buffer;
  private int length;

  private BoundedBodySubscriber(long maxBytes, long declared, boolean tooLargeAlready, int status) {
    this.maxBytes = maxBytes;
    this.tooLargeAlready = tooLargeAlready;
    this.status = status;
    this.buffer = new byte[declared > 0 && declared <= maxBytes ? (int) declared : 8192];
  }

  /** The body handler of one exchange: a Content-Length past maxBytes (unencoded) fails before any byte is read. */
  static HttpResponse.BodySubscriber<byte[]> of(HttpResponse.ResponseInfo info, long maxBytes) {
    long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
    boolean encoded = info.headers().firstValue("content-encoding").isPresent();
    if (!encoded && declared > maxBytes) return new BoundedBodySubscriber(maxBytes, -1, true, info.statusCode());
    return new BoundedBodySubscriber(maxBytes, declared, false, info.statusCode());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription value) {
    this.subscription = value;
    if (tooLargeAlready) {
      value.cancel();
      result.completeExceptionally(new BodyTooLargeException(maxBytes, status));
      return;
    }
    value.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) return;
    for (ByteBuffer item : items) {
      int size = item.remaining();
      if ((long) length + size > maxBytes) {
        subscription.cancel();
        buffer = null;
        result.completeExceptionally(new BodyTooLargeException(maxBytes, status));
        return;
      }
      if (length + size > buffer.length) {
        long grown = Math.max((long) length + size, Math.min(maxBytes, (long) buffer.length * 2));
        buffer = Arrays.copyOf(buffer, (int) grown);
      }
      item.get(buffer, length, size);
      length += size;
    }
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    result.complete(length == buffer.length ? buffer : Arrays.copyOf(buffer, length));
  }
}
