package com.example.devices;

import com.koodrive.device.client.KooDriveClient;
import com.koodrive.device.client.KooDriveException;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.time.Duration;

/** Lists the bound devices of the demo account of the KooDrive at args[0], one line per device. */
public final class ListDevices {
  private ListDevices() {}

  public static void main(String[] args) {
    KooDriveClient client =
        KooDriveClient.builder()
            .baseUrl(args[0])
            .accessToken("demo-token")
            .userId("demo-user")
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      for (BoundDeviceEntity device : client.listBoundDevices()) {
        System.out.println(
            device.getDeviceId() + " " + device.getMachineCode() + " " + device.getDeviceOS() + " "
                + device.getDeviceName() + " " + device.getCreateTime());
      }
    } catch (KooDriveException e) {
      System.err.println("KooDrive failed (" + e.kind() + "): " + e.getMessage());
      System.exit(1);
    }
  }
}
