package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.TWO_DEVICES;
import static com.koodrive.device.client.FakeKooDrive.envelope;
import static com.koodrive.device.client.FakeKooDrive.json;
import static com.koodrive.device.client.FakeKooDrive.xDateMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every attempt is signed: the supplier's token, the user ID and a fresh {@code X-Date}, sent to the path under
 * the base URL's prefix; without a usable token nothing is sent.
 */
class KooDriveClientSigningTest extends AgainstFakeKooDrive {
  @Test
  void sendsTheBearerTokenTheUserIdAndAnXDateToThePathUnderTheBaseUrlsPrefix() {
    KooDriveClient client = client().baseUrl(server.url() + "/gateway//").build();
    long before = System.currentTimeMillis();

    client.listBoundDevices();

    FakeKooDrive.Seen request = server.seen.get(0);
    assertThat(request.path).isEqualTo("/gateway" + FakeKooDrive.DEVICES_PATH);
    assertThat(request.header("Authorization")).isEqualTo("Bearer secret-token");
    assertThat(request.header("X-User-Id")).isEqualTo("demo-user");
    assertThat(request.header("X-Date")).matches("\\d{8}T\\d{6}Z");
    long signed = xDateMillis(request.header("X-Date"));
    // behind the clock (never in the server's future), and recent
    assertThat(signed).isLessThanOrEqualTo(System.currentTimeMillis() - ServerClock.SIGNING_MARGIN_MS)
        .isGreaterThan(before - 60_000);
  }

  @Test
  void signsEveryAttemptWithAFreshXDateAndAsksTheTokenSupplierEachTime() {
    AtomicInteger asked = new AtomicInteger();
    Recorder.ShiftedClock clock = new Recorder.ShiftedClock(Duration.ZERO);
    server.then(json(503, envelope(503001, "busy")), json(200, TWO_DEVICES));
    KooDriveClient client =
        client()
            .clock(clock)
            .accessToken(() -> "token-" + asked.incrementAndGet())
            .sleeper((duration, executor, next) -> { // the wait moves the clock on
              clock.shiftMs.addAndGet(5000);
              next.run();
            })
            .build();

    client.listBoundDevices();

    assertThat(asked).hasValue(2);
    assertThat(server.seen).extracting(seen -> seen.header("Authorization"))
        .containsExactly("Bearer token-1", "Bearer token-2");
    long first = xDateMillis(server.seen.get(0).header("X-Date"));
    long second = xDateMillis(server.seen.get(1).header("X-Date"));
    assertThat(second - first).isGreaterThanOrEqualTo(4000);
  }

  @Test
  void anAccessTokenSupplierThatFailsSendsNoRequest() {
    KooDriveException error =
        catchThrowableOfType(
            KooDriveException.class,
            () -> client().accessToken(() -> {
                  throw new IllegalStateException("vault down");
                }).build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.ACCESS_TOKEN);
    assertThat(error.getCause()).hasMessageContaining("vault down");
    assertThat(server.seen).isEmpty();
  }

  @Test
  void anAccessTokenSupplierThatGivesNoUsableTokenSendsNoRequest() {
    KooDriveException error =
        catchThrowableOfType(
            KooDriveException.class, () -> client().accessToken(() -> "has space").build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.ACCESS_TOKEN);
    assertThat(server.seen).isEmpty();
  }
}
