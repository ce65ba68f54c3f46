package com.koodrive.device.client;

import org.junit.jupiter.api.AfterEach;

/**
 * What the KooDriveClient behaviour tests share: a scripted loopback KooDrive, closed after each test, and a client
 * builder pointed at it whose backoff waits are recorded instead of slept and whose jitter is fixed.
 */
abstract class AgainstFakeKooDrive {
  protected final FakeKooDrive server = new FakeKooDrive();
  protected final Recorder.Sleeps sleeps = new Recorder.Sleeps();

  @AfterEach
  void stop() {
    server.close();
  }

  protected KooDriveClient.Builder client() {
    return KooDriveClient.builder()
        .baseUrl(server.url())
        .accessToken("secret-token")
        .userId("demo-user")
        .sleeper(sleeps)
        .random(() -> 0.5);
  }
}
