package com.koodrive.device.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The HttpClient the generated ApiClient is given (through its HttpClient builder, {@link BoundedHttpClientBuilder}):
 * the caller's client, with two rules added to {@code send}. The whole exchange, body included, ends within the
 * request's timeout (the generated code sets it from the ApiClient's read timeout, which alone would cover only the
 * headers); and the body is read into memory up to {@code maxBytes} ({@link BoundedBodySubscriber}), past which the
 * exchange is cancelled with {@link BodyTooLargeException}. The bytes are then handed to the generated code's own body
 * handler ({@link ReplayedResponse}), so it reads them as it would from the network, and to {@code onBody} (the facade
 * keeps them for the attempt, to read a refusal from a body the model could not take).
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

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        delegate.sendAsync(request, info -> BoundedBodySubscriber.of(info, maxBytes));
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
    return ReplayedResponse.replay(response, asciiForTheDefaultCharset(response.body()), handler);
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
}
