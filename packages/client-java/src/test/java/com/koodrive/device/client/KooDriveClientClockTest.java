package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.TWO_DEVICES;
import static com.koodrive.device.client.FakeKooDrive.envelope;
import static com.koodrive.device.client.FakeKooDrive.json;
import static com.koodrive.device.client.FakeKooDrive.xDateMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The server's clock, learned from its {@code Date} header: a 401 caused by clock skew is retried once, at once,
 * signed with the corrected clock, which every later call of the client shares.
 */
class KooDriveClientClockTest extends AgainstFakeKooDrive {
  @Test
  void retriesAClockSkew401AtOnceWithTheServersClockAndSignsBehindItByTheMargin() {
    // The client's clock is an hour behind the server's (the server's Date header is the real time).
    KooDriveClient client = client().clock(new Recorder.ShiftedClock(Duration.ofHours(-1))).build();
    server.then(json(401, envelope(401001, "X-Date outside the window")), json(200, TWO_DEVICES));
    long before = System.currentTimeMillis();

    assertThat(client.listBoundDevices()).hasSize(2);

    assertThat(sleeps.waits).isEmpty();
    long firstSigned = xDateMillis(server.seen.get(0).header("X-Date"));
    long corrected = xDateMillis(server.seen.get(1).header("X-Date"));
    assertThat(firstSigned).isLessThan(before - Duration.ofMinutes(59).toMillis());
    assertThat(corrected)
        .isLessThanOrEqualTo(before - ServerClock.SIGNING_MARGIN_MS + 60_000)
        .isGreaterThan(before - 60_000);
  }

  @Test
  void correctsTheClockOnlyOncePerCall() {
    KooDriveClient client = client().clock(new Recorder.ShiftedClock(Duration.ofHours(-1))).maxAttempts(5).build();
    server.then(json(401, envelope(401001, "X-Date outside the window")));

    KooDriveException error = catchThrowableOfType(KooDriveException.class, client::listBoundDevices);

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.status()).hasValue(401);
    assertThat(error.attempts()).isEqualTo(2);
  }

  @Test
  void doesNotRetryA401WhenTheClockAgreesWithTheServer() {
    server.then(json(401, envelope(401001, "The access token is missing, unknown or expired")));

    KooDriveException error = catchThrowableOfType(KooDriveException.class, () -> client().build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.code()).hasValue(401001);
    assertThat(error.msg()).hasValue("The access token is missing, unknown or expired");
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void sharesTheLearnedClockBetweenCallsOfOneClient() {
    KooDriveClient client = client().clock(new Recorder.ShiftedClock(Duration.ofHours(-1))).build();
    server.then(json(401, envelope(401001, "X-Date outside the window")), json(200, TWO_DEVICES));
    client.listBoundDevices();
    long before = System.currentTimeMillis();

    client.listBoundDevices();

    assertThat(server.seen).hasSize(3);
    assertThat(xDateMillis(server.seen.get(2).header("X-Date"))).isGreaterThan(before - 60_000);
  }
}
