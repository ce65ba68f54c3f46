package com.koodrive.device.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.koodrive.device.client.model.BoundDeviceEntity;
import com.koodrive.device.client.model.ListBoundDevicesResponse;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code npm run bench}: the client's cost over the bare minimum, as ratios measured in one run. For 1, 100 and
 * 100 000 devices, a loopback server answers the same bytes to KooDriveClient and to raw HttpClient + Jackson
 * (into the same generated model, without the client's signing, retries, bounds or checks); the two alternate,
 * and the medians are compared. Raw sendAsync().join() is shown beside them: the client's blocking call waits on
 * sendAsync's future, which HttpClient completes through CompletableFuture's default executor, a thread hop that
 * send() does not make. Timing is only ever judged here, never in a test.
 */
public final class ClientBench {
  private ClientBench() {}

  private static String body(int devices) {
    StringBuilder out = new StringBuilder(devices * 170 + 64).append("{\"data\":[");
    for (int i = 0; i < devices; i++) {
      if (i > 0) out.append(',');
      out.append("{\"deviceId\":\"").append(1775406005920779393L + i).append("\",\"machineCode\":\"2025")
          .append(String.format("%04d", i % 10000)).append("\",\"deviceOS\":\"android\",\"deviceName\":\"Magic v")
          .append(i).append("\",\"createTime\":\"2025-09-15T06:14:48.630Z\"}");
    }
    return out.append("],\"code\":0,\"msg\":\"success\"}").toString();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * The async path: {@value #CONCURRENT} calls started at once and all awaited, raw sendAsync + Jackson against
   * KooDriveClient's *Async methods, 100 devices each; the medians of the batches' times.
   */
  private static void asyncRounds(
      HttpClient http, KooDriveClient client, ObjectMapper raw, HttpRequest request, AtomicReference<byte[]> answer)
      throws Exception {
    answer.set(body(100).getBytes(StandardCharsets.UTF_8));
    List<Long> rawTimes = new ArrayList<>();
    List<Long> clientTimes = new ArrayList<>();
    for (int round = -50; round < 200; round++) {
      long start = System.nanoTime();
      List<CompletableFuture<ListBoundDevicesResponse>> rawCalls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) {
        rawCalls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
          try {
            return raw.readValue(response.body(), ListBoundDevicesResponse.class);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
      }
      for (CompletableFuture<ListBoundDevicesResponse> call : rawCalls) call.join();
      long rawNs = System.nanoTime() - start;
      start = System.nanoTime();
      List<CompletableFuture<List<BoundDeviceEntity>>> clientCalls = new ArrayList<>();
      for (int i = 0; i < CONCURRENT; i++) clientCalls.add(client.listBoundDevicesAsync());
      for (CompletableFuture<List<BoundDeviceEntity>> call : clientCalls) call.join();
      long clientNs = System.nanoTime() - start;
      if (round >= 0) {
        rawTimes.add(rawNs);
        clientTimes.add(clientNs);
      }
    }
    long rawMedian = median(rawTimes);
    long clientMedian = median(clientTimes);
    System.out.printf("async, %d concurrent calls of 100 devices (the whole batch):%n", CONCURRENT);
    System.out.printf("    100   %18.3f ms   %11.3f ms   %5.2fx%n", rawMedian / 1e6, clientMedian / 1e6,
        (double) clientMedian / rawMedian);
  }

  private static final int CONCURRENT = 50;

  public static void main(String[] args) throws Exception {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    AtomicReference<byte[]> answer = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext("/", exchange -> {
      byte[] bytes = answer.get();
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    HttpClient http = HttpClient.newHttpClient();
    KooDriveClient client =
        KooDriveClient.builder().baseUrl(url).accessToken("bench-token").userId("bench-user").httpClient(http)
            .maxResponseBytes(256L * 1024 * 1024).build();
    ObjectMapper raw = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/koodrive/ose/v1/backup/device"))
            .header("Authorization", "Bearer bench-token").header("X-User-Id", "bench-user")
            .header("X-Date", "20260101T000000Z").GET().build();

    System.out.println("devices   raw HttpClient+Jackson   KooDriveClient   ratio   (medians, one run)");
    int[][] plan = {{1, 2000}, {100, 1000}, {100_000, 10}};
    try {
      for (int[] step : plan) {
        int devices = step[0];
        int rounds = step[1];
        answer.set(body(devices).getBytes(StandardCharsets.UTF_8));
        List<Long> rawTimes = new ArrayList<>();
        List<Long> clientTimes = new ArrayList<>();
        List<Long> rawAsyncTimes = new ArrayList<>();
        for (int round = -Math.max(3, rounds / 4); round < rounds; round++) { // negative rounds warm up
          long start = System.nanoTime();
          ListBoundDevicesResponse parsed =
              raw.readValue(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body(),
                  ListBoundDevicesResponse.class);
          long rawNs = System.nanoTime() - start;
          start = System.nanoTime();
          ListBoundDevicesResponse parsedAsync =
              raw.readValue(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join().body(),
                  ListBoundDevicesResponse.class);
          long rawAsyncNs = System.nanoTime() - start;
          start = System.nanoTime();
          List<BoundDeviceEntity> listed = client.listBoundDevices();
          long clientNs = System.nanoTime() - start;
          if (parsed.getData().size() != devices || parsedAsync.getData().size() != devices
              || listed.size() != devices) {
            throw new IllegalStateException("expected " + devices + " devices");
          }
          if (round >= 0) {
            rawTimes.add(rawNs);
            rawAsyncTimes.add(rawAsyncNs);
            clientTimes.add(clientNs);
          }
        }
        long rawMedian = median(rawTimes);
        long clientMedian = median(clientTimes);
        System.out.printf("%7d   %18.3f ms   %11.3f ms   %5.2fx   (raw sendAsync().join(): %.3f ms)%n", devices,
            rawMedian / 1e6, clientMedian / 1e6, (double) clientMedian / rawMedian, median(rawAsyncTimes) / 1e6);
      }
      asyncRounds(http, client, raw, request, answer);
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }
}
