package com.koodrive.device.client;

import static com.koodrive.device.client.FakeKooDrive.envelope;
import static com.koodrive.device.client.FakeKooDrive.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The builder: bad options are rejected (the token never quoted), and {@code toBuilder()} changes only what it
 * is told to.
 */
class KooDriveClientBuilderTest extends AgainstFakeKooDrive {
  @Test
  void theBuilderRejectsBadOptionsWithAnIllegalArgumentException() {
    assertThatThrownBy(() -> KooDriveClient.builder().accessToken("t").userId("u").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> client().baseUrl("ftp://x").build()).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> client().baseUrl("https://x/?q=1").build()).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> client().userId("").build()).hasMessageContaining("userId");
    assertThatThrownBy(() -> client().accessToken((String) null).build()).hasMessageContaining("accessToken");
    assertThatThrownBy(() -> client().timeout(Duration.ZERO).build()).hasMessageContaining("timeout");
    assertThatThrownBy(() -> client().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> client().maxRetryAfter(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("maxRetryAfter");
    assertThatThrownBy(() -> client().maxResponseBytes(0).build()).hasMessageContaining("maxResponseBytes");
  }

  @Test
  void toBuilderMakesAClientWithTheSameOptionsExceptThoseChanged() {
    server.then(json(503, envelope(503001, "busy")));
    KooDriveClient original = client().maxAttempts(3).build();

    KooDriveClient once = original.toBuilder().maxAttempts(1).build();

    assertThat(catchThrowableOfType(KooDriveException.class, once::listBoundDevices).attempts()).isEqualTo(1);
    assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Bearer secret-token");
    assertThat(catchThrowableOfType(KooDriveException.class, original::listBoundDevices).attempts()).isEqualTo(3);
  }

  @Test
  void aBadTokenIsRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> client().accessToken("top secret").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accessToken")
        .hasMessageNotContaining("top secret");
  }
}
