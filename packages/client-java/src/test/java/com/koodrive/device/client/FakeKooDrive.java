package com.koodrive.device.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted KooDrive on a random loopback port (the JDK's own HTTP server): answers each request with the next
 * scripted reply (the last one repeats) and records what it was sent.
 */
final class FakeKooDrive implements AutoCloseable {
  static final String DEVICES_PATH = "/koodrive/ose/v1/backup/device";
  static final String TWO_DEVICES =
      "{\"data\":[{\"deviceId\":\"1775406005920779393\",\"machineCode\":\"20250911\",\"deviceOS\":\"android\","
          + "\"deviceName\":\"Magic v3\",\"createTime\":\"2025-09-15T06:14:48.630Z\"},"
          + "{\"deviceId\":\"1842812272691451648\",\"machineCode\":\"20251217\",\"deviceOS\":\"android\","
          + "\"deviceName\":\"Magic-v5\",\"createTime\":\"2025-12-17T06:19:01.803Z\"}],\"code\":0,\"msg\":\"success\"}";

  /** One answer: a status, headers and a body, or a custom handler. */
  interface Reply {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** A request as the server saw it. */
  static final class Seen {
    final String method;
    final String path;
    /** The raw query, or null without one. */
    final String query;
    final Map<String, List<String>> headers;
    final String body;

    Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) return entry.getValue().get(0);
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private volatile Reply last = json(200, TWO_DEVICES);
  final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch released = new CountDownLatch(1);

  FakeKooDrive() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(pool);
    server.createContext(
        "/",
        exchange -> {
          try {
            seen.add(
                new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Reply reply = script.poll();
            if (reply == null) {
              reply = last;
            } else if (script.isEmpty()) {
              last = reply;
            }
            reply.answer(exchange);
          } catch (IOException | RuntimeException e) {
            // the client went away: nothing to answer
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String url() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  FakeKooDrive then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  static Reply json(int status, String body, String... headers) {
    return exchange -> {
      for (int i = 0; i + 1 < headers.length; i += 2) exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    };
  }

  /** Sends headers and a first chunk, then waits until {@link #released} (or the client hangs up). */
  Reply stallingBody() {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
      out.flush();
      awaitRelease();
    };
  }

  /** Answers nothing until {@link #released}. */
  Reply stalling() {
    return exchange -> awaitRelease();
  }

  private void awaitRelease() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The time an {@code X-Date} the server was sent stands for, as epoch milliseconds. */
  static long xDateMillis(String value) {
    return LocalDateTime.parse(value, DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'"))
        .toInstant(ZoneOffset.UTC)
        .toEpochMilli();
  }

  static String envelope(int code, String msg) {
    return "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}";
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
