package com.koodrive.device.client;

import com.koodrive.device.client.model.BoundDeviceEntity;
import java.util.List;

/** One attempt: the devices, or why not and whether the clock correction can fix it. */
record Outcome(List<BoundDeviceEntity> devices, KooDriveException error, boolean correctable) {
  static Outcome succeeded(List<BoundDeviceEntity> devices) {
    return new Outcome(devices, null, false);
  }

  static Outcome failed(KooDriveException error) {
    return new Outcome(null, error, false);
  }
}
