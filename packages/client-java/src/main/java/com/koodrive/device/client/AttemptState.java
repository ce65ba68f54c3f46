package com.koodrive.device.client;

import java.util.OptionalLong;

/**
 * What the response interceptor (and the bounded HttpClient, for the body) learned about one attempt. Written and
 * read on the thread running the attempt only: the generated call is synchronous.
 */
final class AttemptState {
  Integer status;
  byte[] body;
  OptionalLong serverDate = OptionalLong.empty();
}
