package com.koodrive.device.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.koodrive.device.client.model.BoundDeviceEntity;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * Async calls cost no thread while in flight: 400 calls wait on a loopback server that holds every request until all
 * 400 have arrived (so all are in flight at once, however fast or slow the machine), and the JVM's thread count does
 * not grow with them. Bound by counts and events, never by time.
 */
class AsyncCallsInFlightTest {
  private static final int CALLS = 400;
  /** Far below one thread a call: the JDK HttpClient's own few threads and the common pool may start some. */
  private static final int MAX_EXTRA_THREADS = 40;

  /** A KooDrive that answers nobody until told to: it keeps each exchange, and a handler thread returns at once. */
  private static final class HoldingServer implements AutoCloseable {
    final ConcurrentLinkedQueue<HttpExchange> held = new ConcurrentLinkedQueue<>();
    final Semaphore arrived = new Semaphore(0);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final HttpServer server;

    HoldingServer() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), CALLS);
      server.setExecutor(pool);
      server.createContext("/", exchange -> {
        held.add(exchange);
        arrived.release();
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answerAll() throws IOException {
      byte[] body = FakeKooDrive.TWO_DEVICES.getBytes(StandardCharsets.UTF_8);
      for (HttpExchange exchange; (exchange = held.poll()) != null; ) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  @Test
  void fourHundredAsyncCallsInFlightDoNotStartAThreadEach() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (HoldingServer server = new HoldingServer()) {
      KooDriveClient client =
          KooDriveClient.builder().baseUrl(server.url()).accessToken("t").userId("u").timeout(Duration.ofMinutes(5))
              .build();
      // One call first, so the HttpClient's selector thread and the server's threads exist before counting.
      CompletableFuture<List<BoundDeviceEntity>> warmUp = client.listBoundDevicesAsync();
      server.arrived.acquire();
      server.answerAll();
      assertThat(warmUp.join()).hasSize(2);
      int before = threads.getThreadCount();
      threads.resetPeakThreadCount();

      List<CompletableFuture<List<BoundDeviceEntity>>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) calls.add(client.listBoundDevicesAsync());
      server.arrived.acquire(CALLS); // every request has reached the server: all 400 are in flight
      int inFlight = threads.getThreadCount();
      int peakInFlight = threads.getPeakThreadCount();
      assertThat(calls).noneMatch(CompletableFuture::isDone);
      server.answerAll();
      for (CompletableFuture<List<BoundDeviceEntity>> call : calls) assertThat(call.join()).hasSize(2);
      int peak = threads.getPeakThreadCount();

      System.out.printf(
          "AsyncCallsInFlightTest: %d calls in flight; threads before %d, with all in flight %d (peak %d), peak until"
              + " all completed %d (common pool parallelism %d)%n",
          CALLS, before, inFlight, peakInFlight, peak, ForkJoinPool.getCommonPoolParallelism());
      assertThat(peakInFlight - before).isLessThan(MAX_EXTRA_THREADS);
      // HttpClient hands each completed exchange to CompletableFuture's default async executor: the common pool, or,
      // where its parallelism is 1 (a JVM that sees 2 cores or fewer), a new thread per task. The build also runs
      // this class with a parallelism of 2 (pom.xml, execution async-threads), so this holds on every machine.
      if (ForkJoinPool.getCommonPoolParallelism() > 1) assertThat(peak - before).isLessThan(MAX_EXTRA_THREADS);
    }
  }
}
