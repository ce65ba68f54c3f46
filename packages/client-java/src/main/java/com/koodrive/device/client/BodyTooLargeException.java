package com.koodrive.device.client;

import java.io.IOException;

/** The body was larger than maxResponseBytes (or said so in Content-Length); the read was cancelled. */
final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;
  /** The status of the answer whose body it was. */
  final int status;

  BodyTooLargeException(long maxBytes, int status) {
    super("The response body is larger than maxResponseBytes (" + maxBytes + " bytes)");
    this.status = status;
  }
}
