package com.koodrive.device.client;

import com.koodrive.device.client.api.DevicesApi;
import com.koodrive.device.client.invoker.ApiClient;
import com.koodrive.device.client.invoker.ApiException;
import com.koodrive.device.client.invoker.ApiResponse;
import com.koodrive.device.client.model.ListBoundDevicesResponse;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One attempt: a token from the supplier, a fresh {@code X-Date} from the server's clock as learned so far, one
 * request through the generated {@link DevicesApi}, and what came of it as an {@link Outcome} (a failure as
 * {@link AttemptFailures} classifies it).
 *
 * <p>The generated DevicesApi is configured through its ApiClient: the HttpClient builder (a bounded,
 * deadline-keeping wrapper of the caller's HttpClient), the ObjectMapper (strict, spec-checked reading), the read
 * timeout (the per-attempt timeout) and the response interceptor (the server's clock).
 */
final class Attempt {
  private final String userId;
  private final AccessTokens tokens;
  private final ServerClock clock;
  private final SpecReader reader = new SpecReader();
  private final AttemptFailures failures;
  private final DevicesApi api;
  /** What the response interceptor saw for the attempt running on this thread (the generated call is synchronous). */
  private final ThreadLocal<AttemptState> current = new ThreadLocal<>();

  Attempt(ClientOptions options) {
    this.userId = options.userId();
    this.tokens = new AccessTokens(options.accessToken(), options.staticToken());
    this.clock = new ServerClock(options.clock());
    this.failures = new AttemptFailures(reader, clock, options.timeout());
    HttpClient http = options.httpClient() == null ? HttpClient.newHttpClient() : options.httpClient();
    ApiClient apiClient =
        new ApiClient(
            new BoundedHttpClientBuilder(
                http,
                options.maxResponseBytes(),
                body -> {
                  AttemptState state = current.get();
                  if (state != null) state.body = body;
                }),
            reader.mapper(),
            options.baseUrl());
    apiClient.setReadTimeout(options.timeout());
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

  Outcome run() {
    String token;
    try {
      token = tokens.next();
    } catch (KooDriveException e) {
      return Outcome.failed(e);
    }
    long offsetUsed = clock.offsetMs();
    long signedAt = clock.signingTime(offsetUsed);
    AttemptState state = new AttemptState();
    current.set(state);
    try {
      ApiResponse<ListBoundDevicesResponse> response =
          api.listBoundDevicesWithHttpInfo(userId, XDate.format(signedAt), Map.of("Authorization", "Bearer " + token));
      try {
        return Outcome.succeeded(reader.devices(response.getData()));
      } catch (SpecReader.Invalid invalid) {
        return Outcome.failed(AttemptFailures.invalidResponse(response.getStatusCode(), invalid));
      } catch (SpecReader.Refused refused) {
        return Outcome.failed(AttemptFailures.refusal(response.getStatusCode(), refused, token));
      }
    } catch (ApiException e) {
      return failures.classify(e, state, token, signedAt, offsetUsed);
    } catch (RuntimeException e) {
      // The caller's HttpClient refused the request (an unsupported URI, a closed client, ...).
      return Outcome.failed(
          KooDriveException.of(KooDriveException.Kind.NETWORK, "The request to KooDrive could not be sent")
              .cause(Redaction.scrub(e, token))
              .build());
    } finally {
      current.remove();
    }
  }
}
