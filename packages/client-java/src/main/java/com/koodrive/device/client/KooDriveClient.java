package com.koodrive.device.client;

import com.koodrive.device.client.api.DevicesApi;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A client for KooDrive's list-bound-devices endpoint ({@code GET /koodrive/ose/v1/backup/device}). Immutable and
 * thread-safe: build one with {@link #builder()} and share it; concurrent calls share one learned server clock.
 *
 * <p>Every attempt is signed with a fresh {@code X-Date}, a little behind the server's clock as learned from the
 * {@code Date} header of its answers. A 401 caused by clock skew is retried once at once with the corrected clock;
 * 429, 500, 502, 503, 504, network errors and timeouts are retried with exponential backoff and full jitter, or after
 * the server's {@code Retry-After} up to {@code maxRetryAfter}. A 2xx body is checked against the spec before callers
 * see it. Every failure is a {@link KooDriveException}; none of them, and nothing this client logs (it logs nothing),
 * carries the access token.
 *
 * <p>The HTTP work is done by the generated {@link DevicesApi}, configured through its ApiClient: the HttpClient
 * builder (a bounded, deadline-keeping wrapper of the caller's HttpClient), the ObjectMapper (strict, spec-checked
 * reading), the read timeout (the per-attempt timeout) and the response interceptor (the server's clock).
 */
public final class KooDriveClient {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);
  /** Far above any user's device list (about 45 000 devices of JSON), as in the TypeScript client. */
  static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;
  /** The largest body one Java array holds. */
  static final long MAX_RESPONSE_BYTES_LIMIT = Integer.MAX_VALUE - 8;
  /** Printable ASCII, spaces only inside: what a header value (the user ID) needs. */
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e](?:[\\x20-\\x7e]*[\\x21-\\x7e])?");

  private final String baseUrl;
  private final String userId;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration maxRetryAfter;
  private final long maxResponseBytes;
  private final Executor executor;
  /** The options as given, for {@link #toBuilder()}. */
  private final Builder options;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Attempt attempt;

  private KooDriveClient(Builder builder) {
    this.options = builder.copy();
    this.baseUrl = builder.baseUrl;
    this.userId = builder.userId;
    this.timeout = builder.timeout;
    this.maxAttempts = builder.maxAttempts;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.executor = builder.executor == null ? AsyncCall.DEFAULT_EXECUTOR : builder.executor;
    this.sleeper = builder.sleeper;
    this.random = builder.random;
    this.attempt =
        new Attempt(
            baseUrl,
            userId,
            new AccessTokens(builder.accessToken, builder.staticToken),
            timeout,
            maxResponseBytes,
            builder.httpClient,
            builder.clock);
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
    return options.copy();
  }

  /**
   * Lists the devices bound to the user. Blocks the calling thread; interrupting it stops the call with
   * {@link KooDriveException.Kind#ABORTED}, and the thread's interrupt status is kept.
   *
   * @throws KooDriveException for every failure
   */
  public List<BoundDeviceEntity> listBoundDevices() {
    boolean corrected = false;
    int backoffs = 0;
    for (int attempts = 1; ; attempts++) {
      if (Thread.currentThread().isInterrupted()) throw AttemptFailures.aborted().withAttempts(attempts - 1);
      Outcome outcome = attempt.run();
      if (outcome.devices() != null) return outcome.devices();
      KooDriveException error = outcome.error().withAttempts(attempts);
      if (attempts >= maxAttempts || error.kind() == KooDriveException.Kind.ABORTED) throw error;
      if (outcome.correctable() && !corrected) {
        corrected = true; // one immediate retry, signed with the corrected clock
        continue;
      }
      if (!RetryPolicy.isRetryable(error)) throw error;
      Optional<Duration> retryAfter = error.retryAfter();
      if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) throw error;
      Duration delay =
          retryAfter.isPresent() ? retryAfter.get() : Duration.ofMillis(RetryPolicy.backoffMs(backoffs, random));
      backoffs++;
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AttemptFailures.aborted().withAttempts(attempts);
      }
    }
  }

  /**
   * Lists the devices on another thread (the builder's {@code executor}, by default a shared pool of daemon threads).
   * Cancelling the future stops the call: the thread running it is interrupted. The future fails with a
   * {@link KooDriveException} for every failure.
   */
  public CompletableFuture<List<BoundDeviceEntity>> listBoundDevicesAsync() {
    return AsyncCall.start(executor, this::listBoundDevices);
  }

  @Override
  public String toString() {
    return "KooDriveClient{baseUrl=" + baseUrl + ", userId=" + userId + ", timeout=" + timeout + ", maxAttempts="
        + maxAttempts + ", maxRetryAfter=" + maxRetryAfter + ", maxResponseBytes=" + maxResponseBytes + "}";
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
    private Sleeper sleeper = Sleeper.THREAD;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private String problem;

    private Builder() {}

    private Builder copy() {
      Builder copy = new Builder();
      copy.baseUrl = baseUrl;
      copy.accessToken = accessToken;
      copy.staticToken = staticToken;
      copy.userId = userId;
      copy.timeout = timeout;
      copy.maxAttempts = maxAttempts;
      copy.maxRetryAfter = maxRetryAfter;
      copy.maxResponseBytes = maxResponseBytes;
      copy.httpClient = httpClient;
      copy.executor = executor;
      copy.clock = clock;
      copy.sleeper = sleeper;
      copy.random = random;
      return copy;
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

    /** Where {@link #listBoundDevicesAsync()} runs calls (default: a shared pool of daemon threads). */
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

    private void check(boolean condition, String message) {
      if (!condition && problem == null) problem = message;
    }

    /** The client; IllegalArgumentException naming the first bad option (never quoting the token). */
    public KooDriveClient build() {
      problem = null;
      baseUrl = normalizedBaseUrl(baseUrl);
      check(accessToken != null, "accessToken is required");
      check(
          staticToken == null || AccessTokens.usable(staticToken),
          "accessToken must be a non-empty string of printable ASCII without spaces");
      check(userId != null && HEADER_VALUE.matcher(userId).matches(),
          "userId must be a non-empty string of printable ASCII");
      check(timeout != null && !timeout.isNegative() && !timeout.isZero() && timeout.toDays() < 365,
          "timeout must be positive and less than a year");
      check(maxAttempts >= 1, "maxAttempts must be at least 1");
      check(maxRetryAfter != null && !maxRetryAfter.isNegative(), "maxRetryAfter must be zero or positive");
      check(maxResponseBytes > 0 && maxResponseBytes <= MAX_RESPONSE_BYTES_LIMIT,
          "maxResponseBytes must be from 1 to " + MAX_RESPONSE_BYTES_LIMIT);
      check(clock != null && sleeper != null && random != null, "clock, sleeper and random must not be null");
      if (problem != null) throw new IllegalArgumentException("KooDriveClient.builder(): " + problem);
      return new KooDriveClient(this);
    }

    private String normalizedBaseUrl(String value) {
      String message = "baseUrl must be an absolute http(s) URL without user info, query or fragment";
      if (value == null) {
        check(false, "baseUrl is required");
        return null;
      }
      try {
        URI uri = new URI(value.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
            && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        check(ok, message);
        if (!ok) return null;
        String path = Objects.requireNonNullElse(uri.getRawPath(), "").replaceAll("/+$", "");
        return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null) + path;
      } catch (URISyntaxException e) {
        check(false, message);
        return null;
      }
    }
  }
}
