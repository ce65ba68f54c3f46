package com.koodrive.device.client;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** KooDrive's {@code X-Date}: {@code yyyyMMdd'T'HHmmss'Z'} in UTC, milliseconds dropped (the spec's pattern). */
final class XDate {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
  private static final long MAX = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private XDate() {}

  /** Formats epoch milliseconds; IllegalArgumentException for a year outside 0000-9999. */
  static String format(long epochMillis) {
    if (epochMillis < MIN || epochMillis > MAX) {
      throw new IllegalArgumentException("An X-Date needs a year in 0000-9999");
    }
    return FORMAT.format(Instant.ofEpochMilli(epochMillis));
  }
}
