package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.TWO_DEVICES;
import static com.koodrive.device.client.FakeKooDrive.envelope;
import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which failures are retried, how long the client waits in between (backoff with full jitter, or the server's
 * {@code Retry-After}) and when it gives up.
 */
class KooDriveClientRetryTest extends AgainstFakeKooDrive {
  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {429, 500, 502, 503, 504})
  void retriesWithBackoffAndJitterOnRetryableStatuses(int status) {
    server.then(json(status, envelope(status * 1000 + 1, "try later")), json(200, TWO_DEVICES));

    assertThat(client().random(() -> 0.5).build().listBoundDevices()).hasSize(2);

    // full jitter: random 0.5 of min(8 s, 250 ms * 2^0)
    assertThat(sleeps.waits).containsExactly(Duration.ofMillis(125));
  }

  @Test
  void backsOffExponentiallyUpToMaxAttempts() {
    server.then(json(502, ""));

    KooDriveException error =
        catchThrowableOfType(
            KooDriveException.class, () -> client().maxAttempts(4).random(() -> 0.999).build().listBoundDevices());

    assertThat(error.attempts()).isEqualTo(4);
    assertThat(error.status()).hasValue(502);
    assertThat(error.code()).isEmpty();
    assertThat(sleeps.waits).containsExactly(Duration.ofMillis(249), Duration.ofMillis(499), Duration.ofMillis(999));
  }

  @Test
  void honoursRetryAfterSecondsInsteadOfTheBackoff() {
    server.then(json(503, envelope(503001, "busy"), "Retry-After", "2"), json(200, TWO_DEVICES));

    client().build().listBoundDevices();

    assertThat(sleeps.waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void failsAtOnceWhenRetryAfterIsLongerThanTheCap() {
    server.then(json(429, envelope(429001, "Too many requests"), "Retry-After", "120"));

    KooDriveException error =
        catchThrowableOfType(
            KooDriveException.class,
            () -> client().maxRetryAfter(Duration.ofSeconds(60)).build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(120));
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(sleeps.waits).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 403, 404})
  void doesNotRetryOtherStatuses(int status) {
    server.then(json(status, envelope(status * 1000 + 1, "no")));

    KooDriveException error = catchThrowableOfType(KooDriveException.class, () -> client().build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.status()).hasValue(status);
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void maxAttemptsOfOneMeansNoRetryOfAnyKind() {
    server.then(json(503, envelope(503001, "busy")));

    KooDriveException error =
        catchThrowableOfType(KooDriveException.class, () -> client().maxAttempts(1).build().listBoundDevices());

    assertThat(error.attempts()).isEqualTo(1);
    assertThat(server.seen).hasSize(1);
  }

  @Test
  void aNetworkErrorIsRetriedAndThenReported() {
    String url = server.url();
    server.close(); // nothing listens on that port any more

    KooDriveException error =
        catchThrowableOfType(
            KooDriveException.class,
            () -> KooDriveClient.builder().baseUrl(url).accessToken("t").userId("u").sleeper(sleeps).build()
                .listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.NETWORK);
    assertThat(error.status()).isEmpty();
    assertThat(error.attempts()).isEqualTo(3);
    assertThat(sleeps.waits).hasSize(2);
  }

  @Test
  void anAttemptThatRunsPastTheTimeoutWhileReadingTheBodyIsATimeoutAndIsRetried() {
    server.then(server.stallingBody());

    KooDriveException error =
        catchThrowableOfType(
            KooDriveException.class,
            () -> client().timeout(Duration.ofMillis(300)).maxAttempts(2).build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(error.attempts()).isEqualTo(2);
    assertThat(server.seen).hasSize(2);
  }
}
