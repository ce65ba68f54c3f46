package com.koodrive.device.client;

import com.koodrive.device.client.model.BoundDeviceEntity;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The attempts of one call, up to {@code maxAttempts}: one immediate retry after a 401 the corrected clock can fix,
 * and between retryable failures ({@link RetryPolicy}) a wait of the server's {@code Retry-After} (up to
 * {@code maxRetryAfter}) or of the backoff. Interrupting the calling thread stops the call as ABORTED.
 */
final class RetryLoop {
  private final Attempt attempt;
  private final int maxAttempts;
  private final Duration maxRetryAfter;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  RetryLoop(Attempt attempt, ClientOptions options) {
    this.attempt = attempt;
    this.maxAttempts = options.maxAttempts();
    this.maxRetryAfter = options.maxRetryAfter();
    this.sleeper = options.sleeper();
    this.random = options.random();
  }

  /** The devices, or the last attempt's failure with the number of requests made. */
  List<BoundDeviceEntity> call() {
    boolean corrected = false;
    int backoffs = 0;
    for (int attempts = 1; ; attempts++) {
      if (Thread.currentThread().isInterrupted()) throw AttemptFailures.aborted().withAttempts(attempts - 1);
      Outcome outcome = attempt.run();
      if (outcome.devices() != null) return outcome.devices();
      KooDriveException error = outcome.error().withAttempts(attempts);
      if (attempts >= maxAttempts || error.kind() == KooDriveException.Kind.ABORTED) throw error;
      if (outcome.correctable() && !corrected) {
        corrected = true; // one immediate retry, signed with the corrected clock
        continue;
      }
      if (!RetryPolicy.isRetryable(error)) throw error;
      Optional<Duration> retryAfter = error.retryAfter();
      if (retryAfter.isPresent() && retryAfter.get().compareTo(maxRetryAfter) > 0) throw error;
      Duration delay =
          retryAfter.isPresent() ? retryAfter.get() : Duration.ofMillis(RetryPolicy.backoffMs(backoffs, random));
      backoffs++;
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AttemptFailures.aborted().withAttempts(attempts);
      }
    }
  }
}
