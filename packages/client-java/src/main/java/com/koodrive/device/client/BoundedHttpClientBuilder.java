package com.koodrive.device.client;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The builder the generated ApiClient is given: it builds this decorator around the caller's client. */
final class BoundedHttpClientBuilder implements HttpClient.Builder {
  private final HttpClient client;

  BoundedHttpClientBuilder(HttpClient delegate, long maxBytes, Consumer<byte[]> onBody) {
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
  public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
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
