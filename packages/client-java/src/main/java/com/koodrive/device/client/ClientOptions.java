package com.koodrive.device.client;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The options a {@link KooDriveClient} was built with, checked by {@link OptionChecks} (the base URL normalized): what
 * the client's parts are made from, and what {@link KooDriveClient#toBuilder()} starts from.
 *
 * @param staticToken the token when it was given as a string (checked when built, and redacted from a later failure
 *     of the supplier that stands for it); null when a supplier was given
 * @param httpClient the caller's HttpClient; null for {@code HttpClient.newHttpClient()}
 * @param executor where async calls start and retries run; null for the calling thread and the common pool
 */
record ClientOptions(
    String baseUrl,
    Supplier<String> accessToken,
    String staticToken,
    String userId,
    Duration timeout,
    int maxAttempts,
    Duration maxRetryAfter,
    long maxResponseBytes,
    HttpClient httpClient,
    Executor executor,
    Clock clock,
    Sleeper sleeper,
    DoubleSupplier random) {

  /** The options a caller may see: never the token. */
  @Override
  public String toString() {
    return "{baseUrl=" + baseUrl + ", userId=" + userId + ", timeout=" + timeout + ", maxAttempts=" + maxAttempts
        + ", maxRetryAfter=" + maxRetryAfter + ", maxResponseBytes=" + maxResponseBytes + "}";
  }
}
