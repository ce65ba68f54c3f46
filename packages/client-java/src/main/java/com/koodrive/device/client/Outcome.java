package com.koodrive.device.client;

/** One attempt: the value (null for an operation without data), or why not and whether the clock can fix it. */
record Outcome<T>(T value, KooDriveException error, boolean correctable) {
  static <T> Outcome<T> succeeded(T value) {
    return new Outcome<>(value, null, false);
  }

  static <T> Outcome<T> failed(KooDriveException error) {
    return new Outcome<>(null, error, false);
  }
}
