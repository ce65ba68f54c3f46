package com.koodrive.device.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.koodrive.device.client.KooDriveException.Kind;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interrupts and cancellation stop a call; one client serves concurrent calls. */
class CancellationTest {
  private final FakeKooDrive server = new FakeKooDrive();

  @AfterEach
  void stop() {
    server.close();
  }

  private KooDriveClient.Builder client() {
    return KooDriveClient.builder().baseUrl(server.url()).accessToken("t").userId("u");
  }

  /** Waits (on events, not time) until the fake server has seen {@code count} requests. */
  private void awaitRequests(int count) throws InterruptedException {
    while (server.seen.size() < count) {
      synchronized (server.seen) {
        server.seen.wait(10);
      }
    }
  }

  @Test
  void interruptingTheCallingThreadAbortsTheCallAndKeepsTheInterruptStatus() throws Exception {
    server.then(server.stalling());
    KooDriveClient client = client().build();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.listBoundDevices();
              } catch (Throwable e) {
                thrown.set(e);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    awaitRequests(1);

    caller.interrupt();
    caller.join();

    assertThat(thrown.get()).isInstanceOf(KooDriveException.class);
    assertThat(((KooDriveException) thrown.get()).kind()).isEqualTo(Kind.ABORTED);
    assertThat(((KooDriveException) thrown.get()).attempts()).isEqualTo(1);
    assertThat(stillInterrupted.get()).isTrue();
    assertThat(server.seen).hasSize(1);
  }

  @Test
  void interruptingTheWaitBeforeARetryAbortsTheCall() throws Exception {
    server.then(FakeKooDrive.json(503, FakeKooDrive.envelope(503001, "busy"), "Retry-After", "60"));
    KooDriveClient client = client().build(); // the real sleeper: it would wait 60 s
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                client.listBoundDevices();
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    caller.start();
    awaitRequests(1);

    caller.interrupt();
    caller.join();

    assertThat(thrown.get())
        .isInstanceOfSatisfying(KooDriveException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.ABORTED);
          assertThat(e.attempts()).isEqualTo(1);
        });
    assertThat(server.seen).hasSize(1);
  }

  @Test
  void aCallOnAnAlreadyInterruptedThreadSendsNothing() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> client().build().listBoundDevices())
          .isInstanceOfSatisfying(KooDriveException.class, e -> assertThat(e.kind()).isEqualTo(Kind.ABORTED));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(server.seen).isEmpty();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void cancellingTheFutureStopsTheCallOnItsThread() throws Exception {
    server.then(server.stalling());
    CountDownLatch workerDone = new CountDownLatch(1);
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    KooDriveClient client =
        client()
            .executor(runnable -> new Thread(() -> {
                  runnable.run();
                  workerDone.countDown();
                }).start())
            .build();

    CompletableFuture<List<BoundDeviceEntity>> later = client.listBoundDevicesAsync();
    awaitRequests(1);
    assertThat(later.cancel(true)).isTrue();

    assertThat(workerDone.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(later).isCancelled();
    assertThatThrownBy(later::join).isInstanceOf(CancellationException.class);
    assertThat(server.seen).hasSize(1);
  }

  @Test
  void theAsyncCallCompletesWithTheDevicesOrFailsWithAKooDriveException() {
    assertThat(client().build().listBoundDevicesAsync().join()).hasSize(2);

    server.then(FakeKooDrive.json(403, FakeKooDrive.envelope(403001, "no")));
    CompletableFuture<List<BoundDeviceEntity>> failing = client().build().listBoundDevicesAsync();
    assertThatThrownBy(failing::join).hasCauseInstanceOf(KooDriveException.class);
  }

  @Test
  void oneClientServesConcurrentCalls() {
    KooDriveClient client = client().build();
    List<CompletableFuture<List<BoundDeviceEntity>>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) calls.add(client.listBoundDevicesAsync());

    for (CompletableFuture<List<BoundDeviceEntity>> call : calls) assertThat(call.join()).hasSize(2);
    assertThat(server.seen).hasSize(16);
  }
}
