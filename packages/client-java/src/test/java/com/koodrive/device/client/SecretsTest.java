package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The access token never appears in a message, msg, toString, stack trace or cause of anything a caller sees. */
class SecretsTest {
  private static final String TOKEN = "tok-7f3a9c1e55d0b2";

  private final FakeKooDrive server = new FakeKooDrive();

  @AfterEach
  void stop() {
    server.close();
  }

  static Stream<Arguments> failures() {
    String echo = "{\"code\":401001,\"msg\":\"Bearer " + TOKEN + " is unknown\"}";
    return Stream.of(
        Arguments.of("an HTTP error whose msg echoes the token", json(401, echo)),
        Arguments.of("an API error whose msg echoes the token",
            json(200, "{\"code\":1,\"msg\":\"bad token " + TOKEN + "\",\"data\":null}")),
        Arguments.of("an invalid body that echoes the token", json(200, "{\"data\":\"" + TOKEN + "\",\"code\":0,\"msg\":\"x\"}")),
        Arguments.of("a non-JSON error page that echoes the token", json(502, "<html>" + TOKEN + "</html>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void neverShowsTheToken(String what, FakeKooDrive.Reply reply) {
    server.then(reply);
    KooDriveClient client =
        KooDriveClient.builder().baseUrl(server.url()).accessToken(TOKEN).userId("u").maxAttempts(1).build();

    KooDriveException error = catchThrowableOfType(KooDriveException.class, client::listBoundDevices);

    assertThat(everythingShown(error)).doesNotContain(TOKEN);
    assertThat(client.toString()).doesNotContain(TOKEN);
  }

  @ParameterizedTest(name = "a failing token supplier whose exception names the last token")
  @MethodSource("failures")
  void redactsTheTokenFromASupplierFailure(String ignored, FakeKooDrive.Reply reply) {
    server.then(json(503, ""));
    int[] calls = {0};
    KooDriveClient client =
        KooDriveClient.builder()
            .baseUrl(server.url())
            .accessToken(() -> {
                  if (calls[0]++ == 0) return TOKEN;
                  throw new IllegalStateException("could not refresh " + TOKEN);
                })
            .userId("u")
            .sleeper(new Recorder.Sleeps())
            .build();

    KooDriveException error = catchThrowableOfType(KooDriveException.class, client::listBoundDevices);

    assertThat(error.kind()).isEqualTo(KooDriveException.Kind.ACCESS_TOKEN);
    assertThat(everythingShown(error)).doesNotContain(TOKEN).contains(Redaction.REDACTED);
  }

  private static String everythingShown(Throwable error) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      error.printStackTrace(out); // message, toString and the whole cause chain
      out.println(error);
      if (error instanceof KooDriveException) out.println(((KooDriveException) error).msg().orElse(""));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
