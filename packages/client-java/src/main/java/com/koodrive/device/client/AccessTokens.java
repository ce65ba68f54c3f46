package com.koodrive.device.client;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Where each attempt's access token comes from: the caller's supplier, asked before every attempt so a refreshed token
 * is picked up, its answer checked before anything is sent. The token never reaches a message or a cause.
 */
final class AccessTokens {
  /** Printable ASCII without spaces: what a bearer token (RFC 6750 b64token and more) and a header need. */
  private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

  private final Supplier<String> supplier;
  /** The last token the supplier gave, so a later failure of the supplier is redacted too. */
  private volatile String lastToken;

  AccessTokens(Supplier<String> supplier, String staticToken) {
    this.supplier = supplier;
    this.lastToken = staticToken;
  }

  /** Whether a token can be sent: not null, printable ASCII without spaces. */
  static boolean usable(String token) {
    return token != null && TOKEN.matcher(token).matches();
  }

  /**
   * The token for the next attempt.
   *
   * @throws KooDriveException of kind ACCESS_TOKEN when the supplier throws or gives no usable token
   */
  String next() {
    String token;
    try {
      token = supplier.get();
    } catch (RuntimeException e) {
      throw KooDriveException.of(
              KooDriveException.Kind.ACCESS_TOKEN, "The access token supplier failed; no request was sent")
          .cause(Redaction.scrub(e, lastToken))
          .build();
    }
    if (!usable(token)) {
      throw KooDriveException.of(
              KooDriveException.Kind.ACCESS_TOKEN,
              "The access token supplier returned no usable token; no request was sent")
          .build();
    }
    lastToken = token;
    return token;
  }
}
