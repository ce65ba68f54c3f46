package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Non-ASCII text survives whatever the JVM's default charset is. The build runs this class a second time in a JVM
 * whose default is US-ASCII (Java 17 without a UTF-8 locale), where the generated code alone would turn every
 * non-ASCII character into U+FFFD.
 */
class DefaultCharsetTest {
  private static final String NAME = "\u8363\u8000 Magic v3 \u2013 Ma\u00efc \ud83d\udcf1";

  private final FakeKooDrive server = new FakeKooDrive();

  @AfterEach
  void stop() {
    server.close();
  }

  private KooDriveClient client() {
    return KooDriveClient.builder().baseUrl(server.url()).accessToken("t").userId("u").maxAttempts(1).build();
  }

  @Test
  void keepsNonAsciiDeviceNamesWhateverTheDefaultCharset() {
    System.out.println("DefaultCharsetTest runs with the default charset " + Charset.defaultCharset());
    server.then(json(200, FakeKooDrive.TWO_DEVICES.replace("Magic v3", NAME)));

    assertThat(client().listBoundDevices().get(0).getDeviceName()).isEqualTo(NAME);
  }

  @Test
  void keepsANonAsciiErrorMessageWhateverTheDefaultCharset() {
    server.then(json(403, FakeKooDrive.envelope(403001, NAME)));

    assertThat(catchThrowableOfType(KooDriveException.class, client()::listBoundDevices).msg()).hasValue(NAME);
  }

  @Test
  void readsTheBodysBytesAsUtf8NeverThroughTheDefaultCharset() {
    // The client hands Jackson the body's bytes (no String decoded with the default charset on the way): the same
    // bytes, escaped or not, read the same, whatever the JVM's default.
    byte[] utf8 = FakeKooDrive.envelope(403001, NAME).getBytes(StandardCharsets.UTF_8);
    byte[] escaped =
        FakeKooDrive.envelope(403001, "\\u8363\\u8000 Magic v3 \\u2013 Ma\\u00efc \\ud83d\\udcf1")
            .getBytes(StandardCharsets.US_ASCII);

    assertThat(new SpecReader().errorEnvelope(utf8).msg()).isEqualTo(NAME);
    assertThat(new SpecReader().errorEnvelope(escaped).msg()).isEqualTo(NAME);
  }
}
