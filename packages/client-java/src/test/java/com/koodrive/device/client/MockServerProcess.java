package com.koodrive.device.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own {@code koodrive-mock-server} (the built mocks package), started with Node on a random loopback
 * port and stopped by its process handle.
 */
final class MockServerProcess implements AutoCloseable {
  static final String CONTROL_PATH = "/__koodrive-mock/scenario";
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  private final Process process;
  private final String url;

  private MockServerProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  static Path repoRoot() {
    return Path.of(System.getProperty("koodrive.repoRoot", "../..")).toAbsolutePath().normalize();
  }

  private static Path bin() {
    Path bin = repoRoot().resolve("packages/mocks/bin/koodrive-mock-server.js");
    Path built = repoRoot().resolve("packages/mocks/dist/bin/koodrive-mock-server.js");
    if (!Files.exists(built)) {
      throw new IllegalStateException(
          "The mocks package is not built (" + built + "); run `npm run build` at the repository root first");
    }
    return bin;
  }

  static MockServerProcess start(String scenario) throws IOException {
    Process process =
        new ProcessBuilder("node", bin().toString(), "--port", "0", "--host", "127.0.0.1", "--scenario", scenario)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        Thread drain = new Thread(() -> drain(out), "mock-server-stdout");
        drain.setDaemon(true);
        drain.start();
        return new MockServerProcess(process, matcher.group(1).replaceAll("/+$", ""));
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("koodrive-mock-server exited before it listened (status " + exitValue(process) + ")");
  }

  /** Reads the server's further output until it exits (its stream closes then). */
  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // the server logs nothing the tests need
      }
    } catch (IOException e) {
      // closed when the server was stopped
    }
  }

  private static int exitValue(Process process) {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The scenario names the bin offers, read from its --help. */
  static List<String> scenarioNames() throws IOException, InterruptedException {
    Process help = new ProcessBuilder("node", bin().toString(), "--help").redirectErrorStream(true).start();
    String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    help.waitFor();
    Matcher matcher = Pattern.compile("starting scenario: ([a-z, -]+?) \\(default").matcher(text.replaceAll("\\s+", " "));
    if (!matcher.find()) throw new IllegalStateException("No scenario list in koodrive-mock-server --help");
    List<String> names = new ArrayList<>();
    for (String name : matcher.group(1).split(",")) names.add(name.trim());
    return names;
  }

  String url() {
    return url;
  }

  /** Switches the scenario: a name in quotes, or an object with its knobs. */
  void scenario(String json) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + CONTROL_PATH))
                      .header("Content-Type", "application/json")
                      .PUT(HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("The mock server refused scenario " + json + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    exitValue(process);
  }
}
