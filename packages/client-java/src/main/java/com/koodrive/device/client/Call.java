package com.koodrive.device.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleSupplier;

/**
 * One call, as the future of its result: up to {@code maxAttempts} attempts, one immediate retry after a 401 the
 * corrected clock can fix, and between retryable failures ({@link RetryPolicy}, by the operation's method) a wait of
 * the server's {@code Retry-After} (up to {@code maxRetryAfter}) or of the backoff, scheduled ({@link Sleeper}): no
 * thread waits, neither for an answer nor between attempts. Cancelling the future cancels the exchange in flight and
 * any attempt still to come.
 */
final class Call<A, T> extends CompletableFuture<T> {
  private final Attempt attempt;
  private final Operation<A, T> operation;
  private final ClientOptions options;
  private final Executor executor;
  private volatile Future<?> exchange;
  private volatile int attempts;
  private boolean corrected;
  private int backoffs;

  /** A call whose retries run on {@code executor} once their wait is over. */
  Call(Attempt attempt, Operation<A, T> operation, ClientOptions options, Executor executor) {
    this.attempt = attempt;
    this.operation = operation;
    this.options = options;
    this.executor = executor;
  }

  /** How many attempts were started so far. */
  int attempts() {
    return attempts;
  }

  /** Starts the first attempt on the executor, or on this thread when there is none (it does not block). */
  Call<A, T> start(Executor first) {
    if (first == null) {
      next();
    } else {
      onExecutor(first).execute(this::next);
    }
    return this;
  }

  private Executor onExecutor(Executor target) {
    return task -> {
      try {
        target.execute(task);
      } catch (RejectedExecutionException e) {
        completeExceptionally(
            KooDriveException.of(KooDriveException.Kind.ABORTED, "The executor refused to run the call")
                .cause(Redaction.scrub(e, null))
                .build()
                .withAttempts(attempts));
      }
    };
  }

  private void next() {
    if (isDone()) return;
    int number = ++attempts;
    try {
      attempt.run(operation, this::inFlight).thenAccept(outcome -> {
        try {
          settle(outcome, number);
        } catch (RuntimeException | Error e) {
          completeExceptionally(e);
        }
      });
    } catch (RuntimeException | Error e) {
      completeExceptionally(e);
    }
  }

  private void inFlight(Future<?> current) {
    exchange = current;
    if (isDone()) current.cancel(true); // cancelled while the attempt was starting
  }

  private void settle(Outcome<T> outcome, int number) {
    if (isDone()) return;
    if (outcome.error() == null) {
      complete(outcome.value());
      return;
    }
    KooDriveException error = outcome.error().withAttempts(number);
    if (number >= options.maxAttempts() || error.kind() == KooDriveException.Kind.ABORTED) {
      completeExceptionally(error);
    } else if (outcome.correctable() && !corrected) {
      corrected = true; // one immediate retry, signed with the corrected clock
      next();
    } else if (!RetryPolicy.isRetryable(error, operation.idempotent())) {
      completeExceptionally(error);
    } else {
      Optional<Duration> retryAfter = error.retryAfter();
      if (retryAfter.isPresent() && retryAfter.get().compareTo(options.maxRetryAfter()) > 0) {
        completeExceptionally(error);
        return;
      }
      DoubleSupplier random = options.random();
      Duration wait = retryAfter.orElseGet(() -> Duration.ofMillis(RetryPolicy.backoffMs(backoffs, random)));
      backoffs++;
      options.sleeper().schedule(wait, onExecutor(executor), this::next);
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    Future<?> current = exchange;
    if (current != null) current.cancel(true);
    return cancelled;
  }
}
