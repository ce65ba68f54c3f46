package com.koodrive.device.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The HttpClient the generated ApiClient is given (through its HttpClient builder): the caller's client, with two
 * rules added to {@code send}. The whole exchange, body included, ends within the request's timeout (the generated
 * code sets it from the ApiClient's read timeout, which alone would cover only the headers); and the body is read
 * into memory up to {@code maxBytes}, past which the exchange is cancelled with {@link BodyTooLargeException}. The
 * bytes are then handed to the generated code's own body handler, so it reads them as it would from the network, and
 * to {@code onBody} (the facade keeps them for the attempt, to read a refusal from a body the model could not take).
 */
final class BoundedHttpClient extends HttpClient {
  private final HttpClient delegate;
  private final long maxBytes;
  private final Consumer<byte[]> onBody;

  BoundedHttpClient(HttpClient delegate, long maxBytes, Consumer<byte[]> onBody) {
    this.delegate = delegate;
    this.maxBytes = maxBytes;
    this.onBody = onBody;
  }

  /** The body was larger than maxResponseBytes (or said so in Content-Length); the read was cancelled. */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    /** The status of the answer whose body it was. */
    final int status;

    BodyTooLargeException(long maxBytes, int status) {
      super("The response body is larger than maxResponseBytes (" + maxBytes + " bytes)");
      this.status = status;
    }
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> exchange = delegate.sendAsync(request, this::boundedBody);
    HttpResponse<byte[]> response;
    try {
      Optional<Duration> timeout = request.timeout();
      response =
          timeout.isPresent()
              ? exchange.get(timeout.get().toNanos(), TimeUnit.NANOSECONDS)
              : exchange.get();
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("The exchange did not finish within " + request.timeout().get());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) throw (IOException) cause;
      if (cause instanceof RuntimeException) throw (RuntimeException) cause;
      if (cause instanceof Error) throw (Error) cause;
      throw new IOException(cause);
    }
    onBody.accept(response.body());
    return replay(response, asciiForTheDefaultCharset(response.body()), handler);
  }

  /** Whether the JVM decodes text as UTF-8 by default (always from Java 18; on 17 it follows the locale). */
  private static final boolean UTF8_BY_DEFAULT = Charset.defaultCharset().equals(StandardCharsets.UTF_8);

  /**
   * The generated code decodes a body with the JVM's default charset. Where that is not UTF-8 (Java 17 without a
   * UTF-8 locale: US-ASCII), the JSON is handed over re-expressed in ASCII: every non-ASCII character as its JSON
   * escape (a backslash, {@code u} and four hex digits), the same JSON value, read identically in any
   * ASCII-compatible charset. Outside a string a non-ASCII character was invalid JSON and stays invalid. Where the
   * default is UTF-8 the bytes pass as they are.
   */
  static byte[] asciiForTheDefaultCharset(byte[] body) {
    return UTF8_BY_DEFAULT ? body : asciiJson(body);
  }

  static byte[] asciiJson(byte[] body) {
    int index = 0;
    while (index < body.length && body[index] >= 0) index++;
    if (index == body.length) return body; // ASCII already
    String text = new String(body, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(text.length() + 64);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out.append(c);
      } else {
        out.append("\\u").append(HEX[c >>> 12]).append(HEX[(c >>> 8) & 0xf]).append(HEX[(c >>> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private HttpResponse.BodySubscriber<byte[]> boundedBody(HttpResponse.ResponseInfo info) {
    long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
    boolean encoded = info.headers().firstValue("content-encoding").isPresent();
    if (!encoded && declared > maxBytes) return new BoundedSubscriber(maxBytes, -1, true, info.statusCode());
    return new BoundedSubscriber(maxBytes, declared, false, info.statusCode());
  }

  /** Collects the body into one array, up to maxBytes. */
  private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long maxBytes;
    private final boolean tooLargeAlready;
    private final int status;
    private Flow.Subscription subscription;
    private byte[] buffer;
    private int length;

    BoundedSubscriber(long maxBytes, long declared, boolean tooLargeAlready, int status) {
      this.maxBytes = maxBytes;
      this.tooLargeAlready = tooLargeAlready;
      this.status = status;
      this.buffer = new byte[declared > 0 && declared <= maxBytes ? (int) declared : 8192];
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

  /** Hands the collected bytes to the caller's body handler, as one buffer on request. */
  private static <T> HttpResponse<T> replay(
      HttpResponse<byte[]> response, byte[] bytes, HttpResponse.BodyHandler<T> handler)
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
    return new Replayed<>(response, body);
  }

  private static final class Replayed<T> implements HttpResponse<T> {
    private final HttpResponse<byte[]> response;
    private final T body;

    Replayed(HttpResponse<byte[]> response, T body) {
      this.response = response;
      this.body = body;
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

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate.sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate.sendAsync(request, handler, pushPromiseHandler);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public HttpClient.Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  /** The builder the generated ApiClient is given: it builds this decorator around the caller's client. */
  static final class Builder implements HttpClient.Builder {
    private final HttpClient client;

    Builder(HttpClient delegate, long maxBytes, Consumer<byte[]> onBody) {
      this.client = new BoundedHttpClient(delegate, maxBytes, onBody);
    }

    private static UnsupportedOperationException configureTheGivenClient() {
      return new UnsupportedOperationException(
          "Configure the HttpClient given to KooDriveClient.builder().httpClient(...) instead");
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext sslContext) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder followRedirects(Redirect policy) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder priority(int priority) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector proxySelector) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
      throw configureTheGivenClient();
    }

    @Override
    public HttpClient build() {
      return client;
    }
  }
}
