package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One attempt: a token from the supplier, a fresh {@code X-Date} from the server's clock as learned so far, one
 * request on {@link HttpClient#sendAsync} whose body is read into memory up to {@code maxResponseBytes}
 * ({@link BoundedBodySubscriber}), the whole exchange, body included, within the per-attempt timeout; and what came of
 * it as an {@link Outcome} (a failure as {@link AttemptFailures} classifies it). No thread waits for the answer.
 */
final class Attempt {
  /**
   * The executor of the HttpClient the client makes when given none: a few daemon threads (idle ones end), shared by
   * such clients. HttpClient's own default, a cached pool, starts a thread for every answer delivered at once.
   */
  private static final ExecutorService EXCHANGES = exchanges(Math.max(2, Runtime.getRuntime().availableProcessors()));
  private final String baseUrl;
  private final String userId;
  private final AccessTokens tokens;
  private final ServerClock clock;
  private final SpecReader reader = new SpecReader();
  private final AttemptFailures failures;
  private final HttpClient http;
  private final Duration timeout;
  private final long maxBytes;

  Attempt(ClientOptions options) {
    this.baseUrl = options.baseUrl();
    this.userId = options.userId();
    this.tokens = new AccessTokens(options.accessToken(), options.staticToken());
    this.clock = new ServerClock(options.clock());
    this.failures = new AttemptFailures(reader, clock, options.timeout());
    this.http = options.httpClient() == null ? HttpClient.newBuilder().executor(EXCHANGES).build() : options.httpClient();
    this.timeout = options.timeout();
    this.maxBytes = options.maxResponseBytes();
  }

  /**
   * Starts the attempt; the future always completes normally, with what came of it. {@code exchange} is given the
   * exchange in flight, so that cancelling the call cancels it. The answer is read where HttpClient completes the
   * exchange: CompletableFuture's default executor (HttpClient hands every sendAsync completion to it).
   */
  <A, T> CompletableFuture<Outcome<T>> run(Operation<A, T> operation, Consumer<Future<?>> exchange) {
    String token;
    try {
      token = tokens.next();
    } catch (KooDriveException e) {
      return CompletableFuture.completedFuture(Outcome.failed(e));
    }
    long offsetUsed = clock.offsetMs();
    long signedAt = clock.signingTime(offsetUsed);
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(request(operation, token, signedAt), info -> BoundedBodySubscriber.of(info, maxBytes));
    } catch (RuntimeException e) {
      // The caller's HttpClient refused the request (an unsupported URI, a closed client, ...).
      return CompletableFuture.completedFuture(Outcome.failed(AttemptFailures.notSent(e, token)));
    }
    exchange.accept(sent);
    BiFunction<HttpResponse<byte[]>, Throwable, Outcome<T>> outcome =
        (response, error) -> {
          if (error == null) return answered(operation, response, token, signedAt, offsetUsed);
          sent.cancel(true); // a timeout stops the exchange too
          return Outcome.failed(failures.noAnswer(error, token));
        };
    CompletableFuture<HttpResponse<byte[]>> bounded = sent.copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return bounded.handle(outcome);
  }

  private static ExecutorService exchanges(int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, "koodrive-client-http-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private HttpRequest request(Operation<?, ?> operation, String token, long signedAt) {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + operation.target()));
    if (operation.body() != null) {
      try {
        body = HttpRequest.BodyPublishers.ofByteArray(reader.mapper().writeValueAsBytes(operation.body()));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("The request body could not be written as JSON", e);
      }
      request.header("Content-Type", "application/json");
    }
    for (Map.Entry<String, String> header : operation.headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    return request
        .header("X-User-Id", userId)
        .header("X-Date", XDate.format(signedAt))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(operation.method(), body)
        .build();
  }

  private <A, T> Outcome<T> answered(
      Operation<A, T> operation, HttpResponse<byte[]> response, String token, long signedAt, long offsetUsed) {
    long receivedAt = clock.nowMs();
    OptionalLong serverDate = clock.learn(response.headers().firstValue("date").orElse(null), receivedAt);
    int status = response.statusCode();
    byte[] body = response.body();
    if (status < 200 || status > 299) {
      return failures.httpError(status, response.headers(), body, serverDate, token, signedAt, offsetUsed);
    }
    try {
      A answer = body.length == 0 ? null : reader.mapper().readValue(body, operation.answer());
      return Outcome.succeeded(reader.read(operation, answer));
    } catch (SpecReader.Invalid invalid) {
      return Outcome.failed(AttemptFailures.invalidResponse(status, invalid));
    } catch (SpecReader.Refused refused) {
      return Outcome.failed(AttemptFailures.refusal(status, refused, token));
    } catch (JsonProcessingException e) {
      SpecReader.Refused refused = reader.refusal(body);
      if (refused != null) return Outcome.failed(AttemptFailures.refusal(status, refused, token));
      return Outcome.failed(AttemptFailures.invalidResponse(status, JacksonFailures.describe(e)));
    } catch (IOException e) {
      return Outcome.failed(AttemptFailures.invalidResponse(status, new SpecReader.Invalid("body", "is not valid JSON")));
    }
  }
}
