package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.koodrive.device.client.invoker.ApiException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * What a failed attempt was, as the {@link KooDriveException} a caller sees (the token redacted from everything the
 * server or a library said), and whether a 401 is the X-Date window's doing, which the corrected clock can fix.
 */
final class AttemptFailures {
  private final SpecReader reader;
  private final ServerClock clock;
  private final Duration timeout;

  AttemptFailures(SpecReader reader, ServerClock clock, Duration timeout) {
    this.reader = reader;
    this.clock = clock;
    this.timeout = timeout;
  }

  static KooDriveException invalidResponse(int status, SpecReader.Invalid invalid) {
    return KooDriveException.of(
            KooDriveException.Kind.INVALID_RESPONSE, "Invalid response from KooDrive: " + invalid.getMessage())
        .status(status)
        .field(invalid.field)
        .build();
  }

  static KooDriveException refusal(Integer status, SpecReader.Refused refused, String token) {
    String msg = Redaction.redact(refused.msg, token);
    return KooDriveException.of(KooDriveException.Kind.API, "KooDrive answered code " + refused.code + ": " + msg)
        .status(status)
        .code(refused.code)
        .msg(msg)
        .build();
  }

  static KooDriveException aborted() {
    return KooDriveException.of(
            KooDriveException.Kind.ABORTED, "The call to KooDrive was aborted (the calling thread was interrupted)")
        .build();
  }

  /** An attempt the generated call failed: an answer that is not a 2xx, or no whole answer at all. */
  Outcome classify(ApiException e, AttemptState state, String token, long signedAt, long offsetUsed) {
    Throwable cause = e.getCause();
    if (Thread.currentThread().isInterrupted() || cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return Outcome.failed(aborted());
    }
    if (cause == null && e.getCode() != 0 && e.getResponseHeaders() != null) {
      return httpError(e, state, token, signedAt, offsetUsed);
    }
    if (cause instanceof BodyTooLargeException) {
      return Outcome.failed(
          KooDriveException.of(
                  KooDriveException.Kind.INVALID_RESPONSE, "Invalid response from KooDrive: body " + cause.getMessage())
              .status(((BodyTooLargeException) cause).status)
              .field("body")
              .build());
    }
    if (cause instanceof HttpTimeoutException) {
      return Outcome.failed(
          KooDriveException.of(
                  KooDriveException.Kind.TIMEOUT, "The attempt timed out after " + timeout.toMillis() + " ms")
              .cause(Redaction.scrub(cause, token))
              .build());
    }
    if (cause instanceof JsonProcessingException && state.status != null) {
      SpecReader.Refused refused = reader.refusal(state.body);
      if (refused != null) return Outcome.failed(refusal(state.status, refused, token));
      return Outcome.failed(invalidResponse(state.status, JacksonFailures.describe((JsonProcessingException) cause)));
    }
    return Outcome.failed(
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
}
