package com.koodrive.device.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/**
 * A response whose body was read into memory, handed on to another body handler (the generated code's own), which
 * reads the bytes as it would from the network: as one buffer, on request.
 */
final class ReplayedResponse<T> implements HttpResponse<T> {
  private final HttpResponse<byte[]> response;
  private final T body;

  private ReplayedResponse(HttpResponse<byte[]> response, T body) {
    this.response = response;
    this.body = body;
  }

  /** Hands the collected bytes to the caller's body handler, as one buffer on request. */
  static <T> HttpResponse<T> replay(HttpResponse<byte[]> response, byte[] bytes, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpResponse.ResponseInfo info =
        new HttpResponse.ResponseInfo() {
          @Override
          public int statusCode() {
            return response.statusCode();
          }

          @Override
          public HttpHeaders headers() {
            return response.headers();
          }

          @Override
          public HttpClient.Version version() {
            return response.version();
          }
        };
    HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private boolean delivered;

          @Override
          public void request(long n) {
            synchronized (this) {
              if (delivered || n <= 0) return;
              delivered = true;
            }
            if (bytes.length > 0) subscriber.onNext(List.of(ByteBuffer.wrap(bytes)));
            subscriber.onComplete();
          }

          @Override
          public void cancel() {
            synchronized (this) {
              delivered = true;
            }
          }
        });
    T body;
    try {
      body = subscriber.getBody().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
    }
    return new ReplayedResponse<>(response, body);
  }

  @Override
  public int statusCode() {
    return response.statusCode();
  }

  @Override
  public HttpRequest request() {
    return response.request();
  }

  @Override
  public Optional<HttpResponse<T>> previousResponse() {
    return Optional.empty();
  }

  @Override
  public HttpHeaders headers() {
    return response.headers();
  }

  @Override
  public T body() {
    return body;
  }

  @Override
  public Optional<SSLSession> sslSession() {
    return response.sslSession();
  }

  @Override
  public URI uri() {
    return response.uri();
  }

  @Override
  public HttpClient.Version version() {
    return response.version();
  }
}
