package com.koodrive.device.client;

import java.time.Duration;

/** Waits between attempts; tests give a recording one so no test really sleeps. */
@FunctionalInterface
interface Sleeper {
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
