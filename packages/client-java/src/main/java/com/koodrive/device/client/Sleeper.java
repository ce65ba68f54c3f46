package com.koodrive.device.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the next attempt after a wait, without a thread waiting: by default the JDK's shared timer hands it to the
 * executor when the wait is over. Tests give a recording one that runs it at once, so no test really waits.
 */
@FunctionalInterface
interface Sleeper {
  Sleeper TIMER =
      (wait, executor, next) ->
          CompletableFuture.delayedExecutor(wait.toNanos(), TimeUnit.NANOSECONDS, executor).execute(next);

  void schedule(Duration wait, Executor executor, Runnable next);
}
