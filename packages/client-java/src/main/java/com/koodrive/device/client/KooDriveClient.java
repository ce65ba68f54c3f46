package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.koodrive.device.client.api.DevicesApi;
import com.koodrive.device.client.invoker.ApiClient;
import com.koodrive.device.client.invoker.ApiException;
import com.koodrive.device.client.invoker.ApiResponse;
import com.koodrive.device.client.model.BoundDeviceEntity;
import com.koodrive.device.client.model.ListBoundDevicesResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
  /** Printable ASCII without spaces: what a bearer token (RFC 6750 b64token and more) and a header need. */
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e](?:[\\x20-\\x7e]*[\\x21-\\x7e])?");

  private final String baseUrl;
  private final Supplier<String> accessToken;
  private final String userId;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration maxRetryAfter;
  private final long maxResponseBytes;
  private final Executor executor;
  /** The options as given, for {@link #toBuilder()}. */
  private final Builder options;
  private final ServerClock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final SpecReader reader = new SpecReader();
  private final DevicesApi api;
  /** What the response interceptor saw for the attempt running on this thread (the generated call is synchronous). */
  private final ThreadLocal<AttemptState> current = new ThreadLocal<>();
  /** The last token the supplier gave, so a later failure of the supplier is redacted too. */
  private volatile String lastToken;

  private KooDriveClient(Builder builder) {
    this.options = builder.copy();
    this.baseUrl = builder.baseUrl;
    this.accessToken = builder.accessToken;
    this.userId = builder.userId;
    this.timeout = builder.timeout;
    this.maxAttempts = builder.maxAttempts;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.maxResponseBytes = builder.maxResponseBytes;
    this.executor = builder.executor == null ? AsyncCall.DEFAULT_EXECUTOR : builder.executor;
    this.clock = new ServerClock(builder.clock);
    this.sleeper = builder.sleeper;
    this.random = builder.random;
    this.lastToken = builder.staticToken;
    HttpClient http = builder.httpClient == null ? HttpClient.newHttpClient() : builder.httpClient;
    ApiClient apiClient =
        new ApiClient(
            new BoundedHttpClientBuilder(
                http,
                maxResponseBytes,
                body -> {
                  AttemptState state = current.get();
                  if (state != null) state.body = body;
                }),
            reader.mapper(),
            baseUrl);
    apiClient.setReadTimeout(timeout);
    apiClient.setResponseInterceptor(
        response -> {
          long receivedAt = clock.nowMs();
          OptionalLong serverDate = clock.learn(response.headers().firstValue("date").orElse(null), receivedAt);
          AttemptState state = current.get();
          if (state != null) {
            state.status = response.statusCode();
            state.serverDate = serverDate;
          }
        });
    this.api = new DevicesApi(apiClient);
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
      if (Thread.currentThread().isInterrupted()) throw aborted().withAttempts(attempts - 1);
      Outcome outcome = attempt();
      if (outcome.devices != null) return outcome.devices;
      KooDriveException error = outcome.error.withAttempts(attempts);
      if (attempts >= maxAttempts || error.kind() == KooDriveException.Kind.ABORTED) throw error;
      if (outcome.correctable && !corrected) {
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
        throw aborted().withAttempts(attempts);
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

  /** What the response interceptor learned about one attempt. */
  private static final class AttemptState {
    Integer status;
    byte[] body;
    OptionalLong serverDate = OptionalLong.empty();
  }

  /** One attempt: the devices, or why not and whether the clock correction can fix it. */
  private static final class Outcome {
    final List<BoundDeviceEntity> devices;
    final KooDriveException error;
    final boolean correctable;

    Outcome(List<BoundDeviceEntity> devices, KooDriveException error, boolean correctable) {
      this.devices = devices;
      this.error = error;
      this.correctable = correctable;
    }
  }

  private static Outcome failed(KooDriveException error) {
    return new Outcome(null, error, false);
  }

  private Outcome attempt() {
    String token;
    try {
      token = accessToken.get();
    } catch (RuntimeException e) {
      return failed(
          KooDriveException.of(
                  KooDriveException.Kind.ACCESS_TOKEN, "The access token supplier failed; no request was sent")
              .cause(Redaction.scrub(e, lastToken))
              .build());
    }
    if (token == null || !TOKEN.matcher(token).matches()) {
      return failed(
          KooDriveException.of(
                  KooDriveException.Kind.ACCESS_TOKEN,
                  "The access token supplier returned no usable token; no request was sent")
              .build());
    }
    lastToken = token;
    long offsetUsed = clock.offsetMs();
    long signedAt = clock.signingTime(offsetUsed);
    AttemptState state = new AttemptState();
    current.set(state);
    try {
      ApiResponse<ListBoundDevicesResponse> response =
          api.listBoundDevicesWithHttpInfo(userId, XDate.format(signedAt), Map.of("Authorization", "Bearer " + token));
      try {
        return new Outcome(reader.devices(response.getData()), null, false);
      } catch (SpecReader.Invalid invalid) {
        return failed(invalidResponse(response.getStatusCode(), invalid));
      } catch (SpecReader.Refused refused) {
        return failed(refusal(response.getStatusCode(), refused, token));
      }
    } catch (ApiException e) {
      return classify(e, state, token, signedAt, offsetUsed);
    } catch (RuntimeException e) {
      // The caller's HttpClient refused the request (an unsupported URI, a closed client, ...).
      return failed(
          KooDriveException.of(KooDriveException.Kind.NETWORK, "The request to KooDrive could not be sent")
              .cause(Redaction.scrub(e, token))
              .build());
    } finally {
      current.remove();
    }
  }

  private static KooDriveException invalidResponse(int status, SpecReader.Invalid invalid) {
    return KooDriveException.of(
            KooDriveException.Kind.INVALID_RESPONSE, "Invalid response from KooDrive: " + invalid.getMessage())
        .status(status)
        .field(invalid.field)
        .build();
  }

  private static KooDriveException refusal(Integer status, SpecReader.Refused refused, String token) {
    String msg = Redaction.redact(refused.msg, token);
    return KooDriveException.of(KooDriveException.Kind.API, "KooDrive answered code " + refused.code + ": " + msg)
        .status(status)
        .code(refused.code)
        .msg(msg)
        .build();
  }

  private static KooDriveException aborted() {
    return KooDriveException.of(
            KooDriveException.Kind.ABORTED, "The call to KooDrive was aborted (the calling thread was interrupted)")
        .build();
  }

  private Outcome classify(ApiException e, AttemptState state, String token, long signedAt, long offsetUsed) {
    Throwable cause = e.getCause();
    if (Thread.currentThread().isInterrupted() || cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return failed(aborted());
    }
    if (cause == null && e.getCode() != 0 && e.getResponseHeaders() != null) {
      return httpError(e, state, token, signedAt, offsetUsed);
    }
    if (cause instanceof BodyTooLargeException) {
      return failed(
          KooDriveException.of(
                  KooDriveException.Kind.INVALID_RESPONSE, "Invalid response from KooDrive: body " + cause.getMessage())
              .status(((BodyTooLargeException) cause).status)
              .field("body")
              .build());
    }
    if (cause instanceof HttpTimeoutException) {
      return failed(
          KooDriveException.of(
                  KooDriveException.Kind.TIMEOUT, "The attempt timed out after " + timeout.toMillis() + " ms")
              .cause(Redaction.scrub(cause, token))
              .build());
    }
    if (cause instanceof JsonProcessingException && state.status != null) {
      SpecReader.Refused refused = reader.refusal(state.body);
      if (refused != null) return failed(refusal(state.status, refused, token));
      return failed(invalidResponse(state.status, JacksonFailures.describe((JsonProcessingException) cause)));
    }
    return failed(
        KooDriveException.of(
                KooDriveException.Kind.NETWORK, "The request to KooDrive failed before an answer arrived")
            .status(state.status)
            .cause(Redaction.scrub(cause == null ? e : cause, token))
            .build());
  }

  private Outcome httpError(ApiException e, AttemptState state, String token, long signedAt, long offsetUsed) {
    int status = e.getCode();
    HttpHeaders headers = e.getResponseHeaders();
    KooDriveException.Builder error =
        KooDriveException.of(KooDriveException.Kind.HTTP, "KooDrive answered HTTP " + status).status(status);
    SpecReader.Envelope envelope = reader.errorEnvelope(e.getResponseBody());
    if (envelope != null) {
      String msg = Redaction.redact(envelope.msg(), token);
      error =
          KooDriveException.of(
                  KooDriveException.Kind.HTTP,
                  "KooDrive answered HTTP " + status + " (code " + envelope.code() + ": " + msg + ")")
              .status(status)
              .code(envelope.code())
              .msg(msg);
    }
    long serverNow = state.serverDate.orElse(clock.nowMs());
    RetryPolicy.parseRetryAfter(headers.firstValue("retry-after").orElse(null), serverNow)
        .ifPresent(error::retryAfter);
    boolean correctable =
        status == 401
            && state.serverDate.isPresent()
            && ServerClock.outsideWindow(signedAt, state.serverDate.getAsLong())
            && Math.abs(clock.offsetMs() - offsetUsed) >= ServerClock.MATERIAL_OFFSET_CHANGE_MS;
    return new Outcome(null, error.build(), correctable);
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
          staticToken == null || TOKEN.matcher(staticToken).matches(),
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
