package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.koodrive.device.client.KooDriveException.Kind;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a 2xx answer becomes: the devices, as the generated model, or an {@code API} error when the envelope's
 * code is not 0. (How strictly the body is held to the spec: {@link ResponseValidationTest}.)
 */
class KooDriveClientAnswerTest extends AgainstFakeKooDrive {
  @Test
  void returnsTheDevicesOfA200AsTheGeneratedModel() {
    List<BoundDeviceEntity> devices = client().build().listBoundDevices();

    assertThat(devices).hasSize(2);
    assertThat(devices.get(0).getDeviceId()).isEqualTo("1775406005920779393");
    assertThat(devices.get(0).getMachineCode()).isEqualTo("20250911");
    assertThat(devices.get(1).getDeviceName()).isEqualTo("Magic-v5");
    assertThat(devices.get(0).getCreateTime())
        .isEqualTo(OffsetDateTime.of(2025, 9, 15, 6, 14, 48, 630_000_000, ZoneOffset.UTC));
  }

  @Test
  void aNonZeroCodeIsAnApiErrorWhateverDataHolds() {
    server.then(json(200, "{\"data\":\"not devices\",\"code\":403001,\"msg\":\"No such user\"}"));

    KooDriveException error = catchThrowableOfType(KooDriveException.class, () -> client().build().listBoundDevices());

    assertThat(error.kind()).isEqualTo(Kind.API);
    assertThat(error.status()).hasValue(200);
    assertThat(error.code()).hasValue(403001);
    assertThat(error.msg()).hasValue("No such user");
    assertThat(error.attempts()).isEqualTo(1);
  }
}
