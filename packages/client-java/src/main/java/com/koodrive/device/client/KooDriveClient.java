package com.koodrive.device.client;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * A client for every operation of KooDrive's spec (the methods come from {@link KooDriveOperations}, generated from
 * the spec: {@code listBoundDevices()}, {@code listBoundDevicesAsync()}, ...). Immutable and thread-safe: build one
 * with {@link #builder()} and share it; concurrent calls share one learned server clock.
 *
 * <p>Every attempt is signed with a fresh {@code X-Date}, a little behind the server's clock as learned from the
 * {@code Date} header of its answers. A 401 caused by clock skew is retried once at once with the corrected clock;
 * 429, 500, 502, 503, 504, network errors and timeouts are retried with exponential backoff and full jitter, or after
 * the server's {@code Retry-After} up to {@code maxRetryAfter} (a POST or PATCH only after 429 or 503: it may have
 * been acted on otherwise). A 2xx body is checked against the spec before callers see it. Every failure is a
 * {@link KooDriveException}; none of them, and nothing this client logs (it logs nothing), carries the access token.
 *
 * <p>Every call runs on {@link HttpClient#sendAsync}: no thread waits for an answer or between attempts, so an async
 * call in flight costs no thread. The blocking methods wait on the same future.
 */
public final class KooDriveClient extends KooDriveOperations {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);
  /** Far above any user's device list (about 45 000 devices of JSON), as in the TypeScript client. */
  static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

  /** The options as given, for {@link #toBuilder()}. */
  private final ClientOptions options;
  private final Attempt attempt;
  /** Where retries run when their wait is over (the builder's executor, or the common pool). */
  private final Executor retries;

  private KooDriveClient(ClientOptions options) {
    this.options = options;
    this.attempt = new Attempt(options);
    this.retries = options.executor() == null ? ForkJoinPool.commonPool() : options.executor();
  }

  /** A builder; {@code baseUrl}, {@code accessToken} and {@code userId} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with this client's options, to build a client that differs in some of them (this client is unchanged;
   * the new one learns the server's clock afresh).
   */
  public Builder toBuilder() {
    return Builder.from(options);
  }

  @Override
  <A, T> T call(Operation<A, T> operation) {
    if (Thread.currentThread().isInterrupted()) throw AttemptFailures.aborted().withAttempts(0);
    Call<A, T> call = new Call<>(attempt, operation, options, retries).start(null);
    try {
      return call.get();
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw AttemptFailures.aborted().withAttempts(call.attempts());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KooDriveException) throw (KooDriveException) e.getCause();
      throw new IllegalStateException("The call failed unexpectedly", e.getCause());
    }
  }

  @Override
  <A, T> CompletableFuture<T> callAsync(Operation<A, T> operation) {
    return new Call<>(attempt, operation, options, retries).start(options.executor());
  }

  @Override
  public String toString() {
    return "KooDriveClient" + options;
  }

  /** Builds a {@link KooDriveClient}; {@link #build()} throws IllegalArgumentException for a bad option. */
  public static final class Builder {
    private String baseUrl;
    private Supplier<String> accessToken;
    private String staticToken;
    private String userId;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private HttpClient httpClient;
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.TIMER;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    private static Builder from(ClientOptions options) {
      Builder builder = new Builder();
      builder.baseUrl = options.baseUrl();
      builder.accessToken = options.accessToken();
      builder.staticToken = options.staticToken();
      builder.userId = options.userId();
      builder.timeout = options.timeout();
      builder.maxAttempts = options.maxAttempts();
      builder.maxRetryAfter = options.maxRetryAfter();
      builder.maxResponseBytes = options.maxResponseBytes();
      builder.httpClient = options.httpClient();
      builder.executor = options.executor();
      builder.clock = options.clock();
      builder.sleeper = options.sleeper();
      builder.random = options.random();
      return builder;
    }

    /** The gateway's base URL, http or https; a path prefix and trailing slashes are allowed. */
    public Builder baseUrl(String value) {
      this.baseUrl = value;
      return this;
    }

    /** The access token, sent as {@code Authorization: Bearer <token>}. */
    public Builder accessToken(String value) {
      this.staticToken = value;
      this.accessToken = value == null ? null : () -> value;
      return this;
    }

    /** A supplier asked for the token before every attempt, so a refreshed token is picked up. */
    public Builder accessToken(Supplier<String> value) {
      this.staticToken = null;
      this.accessToken = value;
      return this;
    }

    /** The user's ID on KooDrive, sent as {@code X-User-Id}. */
    public Builder userId(String value) {
      this.userId = value;
      return this;
    }

    /** Bounds each attempt: the request and the whole body (default 10 s). */
    public Builder timeout(Duration value) {
      this.timeout = value;
      return this;
    }

    /** Requests per call, including the first and the clock-skew retry (default 3); 1 means no retry at all. */
    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    /** The longest Retry-After waited for (default 60 s); a longer one fails the call at once with HTTP. */
    public Builder maxRetryAfter(Duration value) {
      this.maxRetryAfter = value;
      return this;
    }

    /** The largest response body read, in bytes (default 8 MiB); past it the call fails as INVALID_RESPONSE. */
    public Builder maxResponseBytes(long value) {
      this.maxResponseBytes = value;
      return this;
    }

    /** The HttpClient to send with (default: {@code HttpClient.newHttpClient()}); it may be shared. */
    public Builder httpClient(HttpClient value) {
      this.httpClient = value;
      return this;
    }

    /**
     * Where async calls start and where every call's retries run once their wait is over (default: async calls start
     * on the calling thread, which they do not block, and retries run on the common ForkJoinPool). Nothing run there
     * waits for the network.
     */
    public Builder executor(Executor value) {
      this.executor = value;
      return this;
    }

    Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    Builder random(DoubleSupplier value) {
      this.random = value;
      return this;
    }

    /** The client; IllegalArgumentException naming the first bad option (never quoting the token). */
    public KooDriveClient build() {
      OptionChecks checks = new OptionChecks();
      baseUrl = checks.baseUrl(baseUrl);
      ClientOptions options =
          new ClientOptions(
              baseUrl, accessToken, staticToken, userId, timeout, maxAttempts, maxRetryAfter, maxResponseBytes,
              httpClient, executor, clock, sleeper, random);
      checks.validate(options);
      return new KooDriveClient(options);
    }
  }
}
