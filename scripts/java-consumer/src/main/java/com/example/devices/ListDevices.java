package com.example.devices;

import com.koodrive.device.client.KooDriveClient;
import com.koodrive.device.client.KooDriveException;
import com.koodrive.device.client.ListBoundDevicesParameters;
import com.koodrive.device.client.model.BoundDeviceEntity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Lists the bound devices of the demo account of the KooDrive at args[0], one line per device: once without blocking
 * (the operation's parameters object, as every operation takes one), then as a blocking call; both must agree.
 */
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
      List<BoundDeviceEntity> later =
          client.listBoundDevicesAsync(ListBoundDevicesParameters.builder().build()).join();
      List<BoundDeviceEntity> devices = client.listBoundDevices();
      if (later.size() != devices.size()) {
        System.err.println("The async call listed " + later.size() + " devices, the blocking one " + devices.size());
        System.exit(1);
      }
      for (BoundDeviceEntity device : devices) {
        System.out.println(
            device.getDeviceId() + " " + device.getMachineCode() + " " + device.getDeviceOS() + " "
                + device.getDeviceName() + " " + device.getCreateTime());
      }
    } catch (KooDriveException e) {
      System.err.println("KooDrive failed (" + e.kind() + "): " + e.getMessage());
      System.exit(1);
    } catch (CompletionException e) {
      KooDriveException cause = (KooDriveException) e.getCause();
      System.err.println("KooDrive failed (" + cause.kind() + "): " + cause.getMessage());
      System.exit(1);
    }
  }
}
