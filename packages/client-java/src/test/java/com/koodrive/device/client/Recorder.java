package com.koodrive.device.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/** Test doubles for the client's clock and sleeper: nothing in the unit tests really waits. */
final class Recorder {
  private Recorder() {}

  /** A sleeper that records the waits and runs the next attempt at once. */
  static final class Sleeps implements Sleeper {
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void schedule(Duration duration, Executor executor, Runnable next) {
      waits.add(duration);
      next.run();
    }
  }

  /** A clock that reads the real time shifted by a settable amount. */
  static final class ShiftedClock extends Clock {
    final AtomicLong shiftMs = new AtomicLong();

    ShiftedClock(Duration shift) {
      shiftMs.set(shift.toMillis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + shiftMs.get();
    }
  }
}
