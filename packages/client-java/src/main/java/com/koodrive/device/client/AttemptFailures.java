package com.koodrive.device.client;

import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

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
            KooDriveException.Kind.ABORTED,
            "The call to KooDrive was aborted (the calling thread was interrupted, or the future cancelled)")
        .build();
  }

  static KooDriveException notSent(RuntimeException e, String token) {
    return KooDriveException.of(KooDriveException.Kind.NETWORK, "The request to KooDrive could not be sent")
        .cause(Redaction.scrub(e, token))
        .build();
  }

  /** An exchange that ended without a whole answer: too large a body, a timeout, a cancel, or the network. */
  KooDriveException noAnswer(Throwable error, String token) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    for (Throwable inner = cause; inner != null; inner = inner.getCause()) {
      if (inner instanceof BodyTooLargeException) {
        return KooDriveException.of(
                KooDriveException.Kind.INVALID_RESPONSE, "Invalid response from KooDrive: body " + inner.getMessage())
            .status(((BodyTooLargeException) inner).status)
            .field("body")
            .build();
      }
    }
    if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return KooDriveException.of(
              KooDriveException.Kind.TIMEOUT, "The attempt timed out after " + timeout.toMillis() + " ms")
          .cause(Redaction.scrub(cause, token))
          .build();
    }
    if (cause instanceof CancellationException) return aborted();
    return KooDriveException.of(
            KooDriveException.Kind.NETWORK, "The request to KooDrive failed before an answer arrived")
        .cause(Redaction.scrub(cause, token))
        .build();
  }

  /** An answer that is not a 2xx. */
  <T> Outcome<T> httpError(
      int status, HttpHeaders headers, byte[] body, OptionalLong serverDate, String token, long signedAt,
      long offsetUsed) {
    KooDriveException.Builder error =
        KooDriveException.of(KooDriveException.Kind.HTTP, "KooDrive answered HTTP " + status).status(status);
    SpecReader.Envelope envelope = reader.errorEnvelope(body);
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
    long serverNow = serverDate.orElse(clock.nowMs());
    RetryPolicy.parseRetryAfter(headers.firstValue("retry-after").orElse(null), serverNow)
        .ifPresent(error::retryAfter);
    boolean correctable =
        status == 401
            && serverDate.isPresent()
            && ServerClock.outsideWindow(signedAt, serverDate.getAsLong())
            && Math.abs(clock.offsetMs() - offsetUsed) >= ServerClock.MATERIAL_OFFSET_CHANGE_MS;
    return new Outcome<>(null, error.build(), correctable);
  }
}
