package com.koodrive.device.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The small rules the client is made of: X-Date, the server clock, Retry-After and backoff. */
class UnitsTest {
  @Test
  void formatsAnXDateInUtcWithWholeSeconds() {
    assertThat(XDate.format(Instant.parse("2025-11-03T07:01:40.999Z").toEpochMilli())).isEqualTo("20251103T070140Z");
    assertThat(XDate.format(Instant.parse("0099-01-02T03:04:05Z").toEpochMilli())).isEqualTo("00990102T030405Z");
  }

  @Test
  void refusesAnXDateOutsideYears0000To9999() {
    assertThatThrownBy(() -> XDate.format(Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void learnsTheOffsetFromAPlausibleDateHeaderAndSignsBehindIt() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-01T00:00:00.500Z"), ZoneOffset.UTC);
    ServerClock clock = new ServerClock(fixed);

    clock.learn("Thu, 01 Jan 2026 00:10:00 GMT", fixed.millis());

    assertThat(clock.offsetMs()).isEqualTo(Duration.ofMinutes(10).toMillis() - 500);
    assertThat(Instant.ofEpochMilli(clock.signingTime(clock.offsetMs()))).isEqualTo("2026-01-01T00:09:58Z");
  }

  @Test
  void ignoresImplausibleOrUnreadableDateHeaders() {
    ServerClock clock = new ServerClock(Clock.systemUTC());

    assertThat(clock.learn("Thu, 01 Jan 1970 00:00:00 GMT", 0)).isEmpty();
    assertThat(clock.learn("yesterday", 0)).isEmpty();
    assertThat(clock.learn(null, 0)).isEmpty();
    assertThat(clock.offsetMs()).isZero();
  }

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDateMeasuredFromTheServersClock() {
    long serverNow = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    assertThat(RetryPolicy.parseRetryAfter("2", serverNow)).hasValue(Duration.ofSeconds(2));
    assertThat(RetryPolicy.parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", serverNow))
        .hasValue(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", serverNow)).hasValue(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("1.5", serverNow)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("-3", serverNow)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(null, serverNow)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter("99999999999999999999", serverNow).orElseThrow())
        .isGreaterThan(Duration.ofDays(365));
  }

  @Test
  void backoffIsFullJitterUnderAnExponentialCeilingCappedAt8Seconds() {
    assertThat(RetryPolicy.backoffMs(0, () -> 0.0)).isZero();
    assertThat(RetryPolicy.backoffMs(0, () -> 0.999)).isEqualTo(249);
    assertThat(RetryPolicy.backoffMs(3, () -> 0.999)).isEqualTo(1998);
    assertThat(RetryPolicy.backoffMs(10, () -> 0.999)).isEqualTo(7992);
    assertThat(RetryPolicy.backoffMs(100, () -> 0.999)).isEqualTo(7992);
  }
}
