package com.koodrive.device.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.DslPart;
import au.com.dius.pact.consumer.dsl.Matchers;
import au.com.dius.pact.consumer.dsl.PactBuilder;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.junit5.PactConsumerTest;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.koodrive.device.client.KooDriveException.Kind;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Java client's consumer contract with {@code koodrive-device-api}: the same provider states as the TypeScript
 * pacts, the request headers by the spec's rules (X-Date a timestamp in the spec's format, generated afresh at
 * verification time), driven through the real {@link KooDriveClient}. Written to {@code pacts/} (the
 * {@code pact.rootDir} system property), beside the TypeScript pacts, where the spec check and the verifier read.
 */
@Tag("pact")
@PactConsumerTest
@PactTestFor(providerName = KooDriveClientPactTest.PROVIDER, pactVersion = PactSpecVersion.V4)
class KooDriveClientPactTest {
  static final String PROVIDER = "koodrive-device-api";
  static final String CONSUMER = "koodrive-device-java-client";
  static final String PATH = "/koodrive/ose/v1/backup/device";
  /** The placeholder token written into the pact; a verifier re-signs with a real one. */
  static final String EXAMPLE_TOKEN = "example-access-token";
  static final String EXAMPLE_USER_ID = "demo-user";
  static final String BEARER_PATTERN = "^Bearer [A-Za-z0-9\\-._~+/]+=*$";
  static final String X_DATE_FORMAT = "yyyyMMdd'T'HHmmss'Z'";
  static final String JSON = "^application/json(;.*)?$";
  static final String DEVICE_ID_PATTERN = "^[0-9]+$";
  static final String DATE_TIME_PATTERN =
      "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)"
          + "(\\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";

  private static PactBuilder request(PactBuilder builder, String state, String description, int status,
      DslPart body) {
    return builder
        .given(state, Map.of())
        .expectsToReceiveHttpInteraction(
            description,
            interaction ->
                interaction
                    .withRequest(
                        request ->
                            request
                                .method("GET")
                                .path(PATH)
                                .header("Authorization", Matchers.regexp(BEARER_PATTERN, "Bearer " + EXAMPLE_TOKEN))
                                .header("X-User-Id", Matchers.regexp("^.+$", EXAMPLE_USER_ID))
                                // no example: the DSL then adds a DateTime generator (a fresh X-Date on replay)
                                .header("X-Date", Matchers.timestamp(X_DATE_FORMAT, null)))
                    .willRespondWith(
                        response ->
                            response
                                .status(status)
                                .header("Content-Type", Matchers.regexp(JSON, "application/json"))
                                .body(body)));
  }

  @Pact(consumer = CONSUMER)
  V4Pact boundDevices(PactBuilder builder) {
    DslPart body =
        new PactDslJsonBody()
            .numberValue("code", 0)
            .stringType("msg", "success")
            .minArrayLike("data", 1)
            .stringMatcher("deviceId", DEVICE_ID_PATTERN, "1775406005920779393")
            .stringType("machineCode", "20250911")
            .stringType("deviceName", "Magic v3")
            .stringType("deviceOS", "android")
            .stringMatcher("createTime", DATE_TIME_PATTERN, "2025-09-15T06:14:48.630Z")
            .closeObject()
            .closeArray();
    return request(builder, "the user has bound devices", "a request from the Java client to list the bound devices",
        200, body).toPact();
  }

  @Pact(consumer = CONSUMER)
  V4Pact noBoundDevices(PactBuilder builder) {
    DslPart body =
        new PactDslJsonBody().numberValue("code", 0).stringType("msg", "success").array("data").closeArray();
    return request(builder, "the user has no bound devices",
        "a request from the Java client to list the bound devices of a user without devices", 200, body).toPact();
  }

  @Pact(consumer = CONSUMER)
  V4Pact invalidAccessToken(PactBuilder builder) {
    DslPart body =
        new PactDslJsonBody()
            .integerType("code", 401001)
            .stringType("msg", "The access token is missing, unknown or expired");
    return request(builder, "the access token is invalid",
        "a request from the Java client with an invalid access token", 401, body).toPact();
  }

  private static KooDriveClient client(MockServer mockServer) {
    return KooDriveClient.builder()
        .baseUrl(mockServer.getUrl())
        .accessToken(EXAMPLE_TOKEN)
        .userId(EXAMPLE_USER_ID)
        .maxAttempts(1)
        .build();
  }

  @Test
  @PactTestFor(pactMethod = "boundDevices")
  void listsTheBoundDevices(MockServer mockServer) {
    List<BoundDeviceEntity> devices = client(mockServer).listBoundDevices();

    assertThat(devices).isNotEmpty();
    assertThat(devices.get(0).getDeviceId()).matches("[0-9]+");
    assertThat(devices.get(0).getCreateTime()).isNotNull();
  }

  @Test
  @PactTestFor(pactMethod = "noBoundDevices")
  void listsNoDevicesForAUserWithout(MockServer mockServer) {
    assertThat(client(mockServer).listBoundDevices()).isEmpty();
  }

  @Test
  @PactTestFor(pactMethod = "invalidAccessToken")
  void reportsAnInvalidTokenAsA401HttpError(MockServer mockServer) {
    KooDriveException error = catchThrowableOfType(KooDriveException.class, client(mockServer)::listBoundDevices);

    assertThat(error.kind()).isEqualTo(Kind.HTTP);
    assertThat(error.status()).hasValue(401);
    assertThat(error.code()).hasValue(401001);
  }
}
