package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The 2xx body is held to the spec's rules before a caller sees a device. */
class ResponseValidationTest {
  private static final String DEVICE =
      "\"deviceId\":\"1775406005920779393\",\"machineCode\":\"20250911\",\"deviceOS\":\"android\","
          + "\"deviceName\":\"Magic v3\",\"createTime\":\"2025-09-15T06:14:48.630Z\"";

  private final FakeKooDrive server = new FakeKooDrive();

  @AfterEach
  void stop() {
    server.close();
  }

  private KooDriveClient client() {
    return KooDriveClient.builder()
        .baseUrl(server.url())
        .accessToken("secret-token")
        .userId("demo-user")
        .sleeper(new Recorder.Sleeps())
        .build();
  }

  private static String body(String device) {
    return "{\"data\":[{" + device + "}],\"code\":0,\"msg\":\"success\"}";
  }

  static Stream<Arguments> invalidBodies() {
    return Stream.of(
        Arguments.of("a numeric deviceId (never rounded into a string)",
            body(DEVICE.replace("\"1775406005920779393\"", "1775406005920779393")), "data[0].deviceId"),
        Arguments.of("a deviceId that breaks the spec's pattern (digits only)",
            body(DEVICE.replace("\"1775406005920779393\"", "\"17754-06005\"")), "data[0].deviceId"),
        Arguments.of("a missing required field", body(DEVICE.replace(",\"machineCode\":\"20250911\"", "")),
            "data[0].machineCode"),
        Arguments.of("a null required field", body(DEVICE.replace("\"Magic v3\"", "null")), "data[0].deviceName"),
        Arguments.of("a createTime that is not a date-time",
            body(DEVICE.replace("\"2025-09-15T06:14:48.630Z\"", "\"yesterday\"")), "data[0].createTime"),
        Arguments.of("a numeric createTime", body(DEVICE.replace("\"2025-09-15T06:14:48.630Z\"", "1757916888630")),
            "data[0].createTime"),
        Arguments.of("a device that is not an object", "{\"data\":[42],\"code\":0,\"msg\":\"success\"}", "data[0]"),
        Arguments.of("data that is not an array", "{\"data\":{},\"code\":0,\"msg\":\"success\"}", "data"),
        Arguments.of("no data with code 0", "{\"code\":0,\"msg\":\"success\"}", "data"),
        Arguments.of("null data with code 0", "{\"data\":null,\"code\":0,\"msg\":\"success\"}", "data"),
        Arguments.of("a missing msg", "{\"data\":[],\"code\":0}", "msg"),
        Arguments.of("a string code", "{\"data\":[],\"code\":\"0\",\"msg\":\"success\"}", "code"),
        Arguments.of("a fractional code", "{\"data\":[],\"code\":0.5,\"msg\":\"success\"}", "code"),
        Arguments.of("a body that is not JSON", "{\"data\":[{\"deviceId\":\"17", "body"),
        Arguments.of("an empty body", "", "body"),
        Arguments.of("a JSON array instead of the envelope", "[]", "body"));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalidBodies")
  void rejectsA2xxBodyThatBreaksTheSpec(String what, String body, String field) {
    server.then(json(200, body));

    KooDriveException error = catchThrowableOfType(KooDriveException.class, () -> client().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(error.field()).hasValue(field);
    assertThat(error.status()).hasValue(200);
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void ignoresFieldsTheSpecDoesNotHave() {
    server.then(json(200, "{\"data\":[{" + DEVICE + ",\"colour\":\"red\"}],\"code\":0,\"msg\":\"success\",\"x\":{}}"));

    List<BoundDeviceEntity> devices = client().listBoundDevices();

    assertThat(devices).singleElement().extracting(BoundDeviceEntity::getDeviceName).isEqualTo("Magic v3");
  }

  @Test
  void keepsNonAsciiDeviceNames() {
    server.then(json(200, body(DEVICE.replace("Magic v3", "Ma\u00efc \u2013 \u624b\u673a"))));

    assertThat(client().listBoundDevices().get(0).getDeviceName()).isEqualTo("Ma\u00efc \u2013 \u624b\u673a");
  }

  @Test
  void acceptsAnEmptyDeviceList() {
    server.then(json(200, "{\"data\":[],\"code\":0,\"msg\":\"success\"}"));

    assertThat(client().listBoundDevices()).isEmpty();
  }

  @Test
  void rejectsABodyLargerThanMaxResponseBytesWithoutRetrying() {
    server.then(json(200, FakeKooDrive.TWO_DEVICES));
    KooDriveClient small =
        KooDriveClient.builder().baseUrl(server.url()).accessToken("t").userId("u").maxResponseBytes(100).build();

    KooDriveException error = catchThrowableOfType(KooDriveException.class, small::listBoundDevices);

    assertThat(error.kind()).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(error.field()).hasValue("body");
    assertThat(error.status()).hasValue(200);
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void boundsAnErrorAnswersBodyToo() {
    server.then(json(503, "{\"code\":503001,\"msg\":\"" + "x".repeat(10_000) + "\"}"));
    KooDriveClient small =
        KooDriveClient.builder().baseUrl(server.url()).accessToken("t").userId("u").maxResponseBytes(1000).build();

    KooDriveException error = catchThrowableOfType(KooDriveException.class, small::listBoundDevices);

    assertThat(error.kind()).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(error.status()).hasValue(503);
    assertThat(error.attempts()).isEqualTo(1);
  }

  @Test
  void rejectsAChunkedBodyThatGrowsPastMaxResponseBytes() {
    server.then(
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to judge by
          try (var out = exchange.getResponseBody()) {
            for (int i = 0; i < 64; i++) out.write(new byte[1024]);
          }
        });
    KooDriveClient small =
        KooDriveClient.builder().baseUrl(server.url()).accessToken("t").userId("u").maxResponseBytes(4096).build();

    KooDriveException error = catchThrowableOfType(KooDriveException.class, small::listBoundDevices);

    assertThat(error.kind()).isEqualTo(Kind.INVALID_RESPONSE);
    assertThat(error.field()).hasValue("body");
  }
}
