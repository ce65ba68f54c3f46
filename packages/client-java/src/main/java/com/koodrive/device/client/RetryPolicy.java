package com.koodrive.device.client;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/** Which failures are retried, and how long to wait before the next attempt. */
final class RetryPolicy {
  /** Rate limited, an internal failure, or a gateway / the service momentarily unavailable. */
  static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
  /**
   * What a POST or PATCH is retried after: the server said it did not take the request (rate limited, unavailable).
   * After a 500, 502, 504, a network error or a timeout it may have acted on it, and a repeat could act twice.
   */
  static final Set<Integer> NOT_TAKEN_STATUSES = Set.of(429, 503);
  static final long BACKOFF_BASE_MS = 250;
  static final long BACKOFF_CAP_MS = 8000;
  private static final Pattern DELAY_SECONDS = Pattern.compile("\\d+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[A-Za-z].*");

  private RetryPolicy() {}

  /** Whether to retry after the error: GET, HEAD, PUT and DELETE (idempotent) as far as it goes, POST and PATCH less. */
  static boolean isRetryable(KooDriveException error, boolean idempotent) {
    switch (error.kind()) {
      case HTTP:
        return (idempotent ? RETRYABLE_STATUSES : NOT_TAKEN_STATUSES).contains(error.status().orElse(0));
      case NETWORK:
      case TIMEOUT:
        return idempotent;
      default:
        return false;
    }
  }

  /** Full jitter: a uniformly random wait in [0, min(cap, base * 2^retry)); {@code retry} counts from 0. */
  static long backoffMs(int retry, DoubleSupplier random) {
    long ceiling = retry >= 16 ? BACKOFF_CAP_MS : Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << retry);
    return (long) Math.floor(random.getAsDouble() * ceiling);
  }

  /**
   * {@code Retry-After} (RFC 9110: delay-seconds or an HTTP-date) as a duration, or empty when absent or unusable
   * (then the backoff applies). An HTTP-date is measured from the server's own Date when there is one; a date in the
   * past means now.
   */
  static Optional<Duration> parseRetryAfter(String value, long serverNowMs) {
    if (value == null) return Optional.empty();
    String text = value.trim();
    if (DELAY_SECONDS.matcher(text).matches()) {
      // More digits than a long holds is still "longer than any cap".
      if (text.length() > 12) return Optional.of(Duration.ofSeconds(999_999_999_999L));
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    if (!HAS_LETTER.matcher(text).matches()) return Optional.empty();
    OptionalLong at = ServerClock.parseHttpDate(text);
    if (at.isEmpty()) return Optional.empty();
    return Optional.of(Duration.ofMillis(Math.max(0, at.getAsLong() - serverNowMs)));
  }
}
