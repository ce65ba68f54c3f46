package com.koodrive.device.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java client against the project's own mock server, through every scenario it offers. */
class MockServerIntegrationTest {
  /** The scenarios this class walks through; a scenario added to the mocks fails {@link #coversEveryScenario}. */
  private static final Set<String> COVERED =
      Set.of("normal", "empty", "envelope-error", "unauthorized", "server-error", "unavailable", "rate-limited",
          "slow", "malformed");

  private static MockServerProcess mock;
  private Recorder.Sleeps sleeps;

  @BeforeAll
  static void startMockServer() throws Exception {
    mock = MockServerProcess.start("normal");
  }

  @AfterAll
  static void stopMockServer() {
    if (mock != null) mock.close();
  }

  @BeforeEach
  void normalScenario() {
    mock.scenario("\"normal\"");
    sleeps = new Recorder.Sleeps();
  }

  private KooDriveClient.Builder demo() {
    return KooDriveClient.builder()
        .baseUrl(mock.url())
        .accessToken("demo-token")
        .userId("demo-user")
        .sleeper(sleeps);
  }

  private KooDriveException failure(KooDriveClient client) {
    return catchThrowableOfType(KooDriveException.class, client::listBoundDevices);
  }

  @Test
  void coversEveryScenario() throws Exception {
    assertThat(new TreeSet<>(MockServerProcess.scenarioNames())).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void normalListsTheDemoAccountsDevices() {
    List<BoundDeviceEntity> devices = demo().build().listBoundDevices();

    assertThat(devices).extracting(BoundDeviceEntity::getDeviceId)
        .containsExactly("1775406005920779393", "1842812272691451648");
    assertThat(devices).extracting(BoundDeviceEntity::getDeviceName).containsExactly("Magic v3", "Magic-v5");
    assertThat(sleeps.waits).isEmpty();
  }

  @Test
  void emptyListsNoDevices() {
    mock.scenario("\"empty\"");

    assertThat(demo().build().listBoundDevices()).isEmpty();
  }

  @Test
  void envelopeErrorIsAnApiError() {
    mock.scenario("\"envelope-error\"");

    KooDriveException error = failure(demo().build());

    assertThat(error.kind()).isEqualTo(Kind.API);
    assertThat(error.status()).hasValue(200);
    assertThat(error.code()).isPresent();
    assertThat(error.code().getAsInt()).isNotZero();
    assertThat(error.msg()).isPresent();
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void unauthorizedIsAn401HttpErrorWithoutRetry() {
    mock.scenario("\"unauthorized\"");

    KooDriveException error = failure(demo().build());

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.status()).hasValue(401);
    assertThat(error.code()).isPresent();
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void serverErrorIsRetriedWithBackoffThenReported() {
    mock.scenario("\"server-error\"");

    KooDriveException error = failure(demo().build());

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.status()).hasValue(500);
    assertThat(error.attempts()).isEqualTo(3);
    assertThat(sleeps.waits).hasSize(2);
  }

  @Test
  void unavailableIsRetriedAfterItsRetryAfter() {
    mock.scenario("{\"name\":\"unavailable\",\"retryAfterSeconds\":3}");

    KooDriveException error = failure(demo().build());

    assertThat(error.status()).hasValue(503);
    assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(3));
    assertThat(sleeps.waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  @Test
  void rateLimitedLongerThanMaxRetryAfterFailsAtOnce() {
    mock.scenario("{\"name\":\"rate-limited\",\"retryAfterSeconds\":120}");

    KooDriveException error = failure(demo().build());

    assertThat(error.status()).hasValue(429);
    assertThat(error.retryAfter()).hasValue(Duration.ofSeconds(120));
    assertThat(error.attempts()).isEqualTo(1);
    assertThat(sleeps.waits).isEmpty();
  }

  @Test
  void slowPastTheTimeoutIsATimeout() {
    mock.scenario("{\"name\":\"slow\",\"delayMs\":600000}");

    KooDriveException error = failure(demo().timeout(Duration.ofMillis(300)).maxAttempts(2).build());

    assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(error.attempts()).isEqualTo(2);
  }

  @Test
  void slowWithinTheTimeoutListsTheDevices() {
    mock.scenario("{\"name\":\"slow\",\"delayMs\":50}");

    assertThat(demo().build().listBoundDevices()).hasSize(2);
  }

  @Test
  void malformedIsAnInvalidResponse() {
    mock.scenario("\"malformed\"");

    KooDriveException error = failure(demo().build());

    assertThat(error.kind()).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(error.field()).hasValue("body");
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void aClientClockAnHourBehindIsCorrectedFromTheMocksDateHeader() {
    KooDriveClient client = demo().clock(new Recorder.ShiftedClock(Duration.ofHours(-1))).build();

    assertThat(client.listBoundDevices()).hasSize(2);
    assertThat(sleeps.waits).isEmpty();
  }

  @Test
  void aClientClockAnHourAheadIsCorrectedFromTheMocksDateHeader() {
    KooDriveClient client = demo().clock(new Recorder.ShiftedClock(Duration.ofHours(1))).build();

    assertThat(client.listBoundDevices()).hasSize(2);
  }

  @Test
  void anUnknownTokenIs401AndAnotherUsersIdIs403() {
    assertThat(failure(demo().accessToken("no-such-token").build()).status()).hasValue(401);
    assertThat(failure(demo().userId("empty-user").build()).status()).hasValue(403);
  }
}
