package com.koodrive.device.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's clock as seen from one client: one offset, shared by every call of the client (a thread-safe atomic),
 * learned from the {@code Date} header of every answer, errors included.
 */
final class ServerClock {
  /** KooDrive rejects an X-Date older than this, measured on its own clock. */
  static final long X_DATE_WINDOW_MS = 15 * 60 * 1000L;
  /**
   * How far behind the estimated server time the client signs: the learned offset is already a lower bound, the
   * margin covers a server that rounds its Date header, a local clock stepping forward, and before anything was
   * learned a server clock a little behind ours.
   */
  static final long SIGNING_MARGIN_MS = 2000;
  /** How much the offset must move for a 401 to count as the X-Date window's doing. */
  static final long MATERIAL_OFFSET_CHANGE_MS = 1000;
  /** Server times worth learning: an X-Date can only say years 0000-9999, and no server today is before 2000. */
  static final long PLAUSIBLE_FROM = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
  static final long PLAUSIBLE_TO = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

  private final Clock clock;
  private final AtomicLong offsetMs = new AtomicLong();

  ServerClock(Clock clock) {
    this.clock = clock;
  }

  long offsetMs() {
    return offsetMs.get();
  }

  long nowMs() {
    return clock.millis();
  }

  /** The X-Date time (whole seconds, epoch ms) to sign an attempt with now, with the given offset. */
  long signingTime(long offset) {
    return Math.floorDiv(clock.millis() + offset - SIGNING_MARGIN_MS, 1000) * 1000;
  }

  /**
   * Learns from a Date header read at local time {@code receivedAt}. The server wrote it before we read it, truncated
   * to the second, so {@code serverDate - receivedAt} is a lower bound on the true offset: signing with it is never in
   * the server's future. Returns the header's time, or empty without a plausible one (which is then ignored).
   */
  OptionalLong learn(String dateHeader, long receivedAt) {
    OptionalLong serverDate = parseHttpDate(dateHeader);
    if (serverDate.isEmpty()) return serverDate;
    long date = serverDate.getAsLong();
    if (date < PLAUSIBLE_FROM || date > PLAUSIBLE_TO) return OptionalLong.empty();
    offsetMs.set(date - receivedAt);
    return serverDate;
  }

  /** An HTTP-date (RFC 9110 IMF-fixdate, as RFC 1123) as epoch ms, or empty. */
  static OptionalLong parseHttpDate(String value) {
    if (value == null) return OptionalLong.empty();
    try {
      return OptionalLong.of(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli());
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  /** True when a 401 is plausibly the window's doing: signed after the server's clock, or over 15 minutes before. */
  static boolean outsideWindow(long signedAt, long serverDate) {
    return signedAt > serverDate || signedAt < serverDate + 1000 - X_DATE_WINDOW_MS;
  }
}
