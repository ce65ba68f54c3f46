package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.TWO_DEVICES;
import static com.koodrive.device.client.FakeKooDrive.envelope;
import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KooDriveClientTest {
  private static final DateTimeFormatter X_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final FakeKooDrive server = new FakeKooDrive();
  private final Recorder.Sleeps sleeps = new Recorder.Sleeps();

  @AfterEach
  void stop() {
    server.close();
  }

  private KooDriveClient.Builder client() {
    return KooDriveClient.builder()
        .baseUrl(server.url())
        .accessToken("secret-token")
        .userId("demo-user")
        .sleeper(sleeps)
        .random(() -> 0.5);
  }

  private static long xDateMillis(String value) {
    return java.time.LocalDateTime.parse(value, DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'"))
        .toInstant(ZoneOffset.UTC)
        .toEpochMilli();
  }

  @Test
  void returnsTheDevicesOfA200AsTheGeneratedModel() {
    List<BoundDeviceEntity> devices = client().build().listBoundDevices();

    assertThat(devices).hasSize(2);
    assertThat(devices.get(0).getDeviceId()).isEqualTo("1775406005920779393");
    assertThat(devices.get(0).getMachineCode()).isEqualTo("20250911");
    assertThat(devices.get(1).getDeviceName()).isEqualTo("Magic-v5");
    assertThat(devices.get(0).getCreateTime())
        .isEqualTo(OffsetDateTime.of(2025, 9, 15, 6, 14, 48, 630_000_000, ZoneOffset.UTC));
  }

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
            .sleeper(duration -> clock.shiftMs.addAndGet(5000)) // the wait moves the clock on
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
  void aNonZeroCodeIsAnApiErrorWhateverDataHolds() {
    server.then(json(200, "{\"data\":\"not devices\",\"code\":403001,\"msg\":\"No such user\"}"));

    KooDriveException error = catchThrowableOfType(KooDriveException.class, () -> client().build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.API);
    assertThat(error.status()).hasValue(200);
    assertThat(error.code()).hasValue(403001);
    assertThat(error.msg()).hasValue("No such user");
    assertThat(error.attempts()).isEqualTo(1);
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

  @Test
  void theBuilderRejectsBadOptionsWithAnIllegalArgumentException() {
    assertThatThrownBy(() -> KooDriveClient.builder().accessToken("t").userId("u").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> client().baseUrl("ftp://x").build()).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> client().baseUrl("https://x/?q=1").build()).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> client().userId("").build()).hasMessageContaining("userId");
    assertThatThrownBy(() -> client().accessToken((String) null).build()).hasMessageContaining("accessToken");
    assertThatThrownBy(() -> client().timeout(Duration.ZERO).build()).hasMessageContaining("timeout");
    assertThatThrownBy(() -> client().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> client().maxRetryAfter(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("maxRetryAfter");
    assertThatThrownBy(() -> client().maxResponseBytes(0).build()).hasMessageContaining("maxResponseBytes");
  }

  @Test
  void toBuilderMakesAClientWithTheSameOptionsExceptThoseChanged() {
    server.then(json(503, envelope(503001, "busy")));
    KooDriveClient original = client().maxAttempts(3).build();

    KooDriveClient once = original.toBuilder().maxAttempts(1).build();

    assertThat(catchThrowableOfType(KooDriveException.class, once::listBoundDevices).attempts()).isEqualTo(1);
    assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Bearer secret-token");
    assertThat(catchThrowableOfType(KooDriveException.class, original::listBoundDevices).attempts()).isEqualTo(3);
  }

  @Test
  void aBadTokenIsRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> client().accessToken("top secret").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accessToken")
        .hasMessageNotContaining("top secret");
  }
}
