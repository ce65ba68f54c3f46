package com.koodrive.device.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules {@link KooDriveClient.Builder#build()} holds the options to: the first bad option is named in an
 * IllegalArgumentException (which never quotes the token).
 */
final class OptionChecks {
  /** The largest body one Java array holds. */
  static final long MAX_RESPONSE_BYTES_LIMIT = Integer.MAX_VALUE - 8;
  /** Printable ASCII, spaces only inside: what a header value (the user ID) needs. */
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x21-\\x7e](?:[\\x20-\\x7e]*[\\x21-\\x7e])?");

  private String problem;

  private void check(boolean condition, String message) {
    if (!condition && problem == null) problem = message;
  }

  /** The base URL as the client uses it (no trailing slash), or null when it is missing or not usable. */
  String baseUrl(String value) {
    String message = "baseUrl must be an absolute http(s) URL without user info, query or fragment";
    if (value == null) {
      check(false, "baseUrl is required");
      return null;
    }
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
          && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
      check(ok, message);
      if (!ok) return null;
      String path = Objects.requireNonNullElse(uri.getRawPath(), "").replaceAll("/+$", "");
      return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null) + path;
    } catch (URISyntaxException e) {
      check(false, message);
      return null;
    }
  }

  /** Checks the other options, after {@link #baseUrl}; IllegalArgumentException naming the first bad one. */
  void validate(ClientOptions options) {
    check(options.accessToken() != null, "accessToken is required");
    check(
        options.staticToken() == null || AccessTokens.usable(options.staticToken()),
        "accessToken must be a non-empty string of printable ASCII without spaces");
    check(options.userId() != null && HEADER_VALUE.matcher(options.userId()).matches(),
        "userId must be a non-empty string of printable ASCII");
    check(options.timeout() != null && !options.timeout().isNegative() && !options.timeout().isZero()
            && options.timeout().toDays() < 365,
        "timeout must be positive and less than a year");
    check(options.maxAttempts() >= 1, "maxAttempts must be at least 1");
    check(options.maxRetryAfter() != null && !options.maxRetryAfter().isNegative(),
        "maxRetryAfter must be zero or positive");
    check(options.maxResponseBytes() > 0 && options.maxResponseBytes() <= MAX_RESPONSE_BYTES_LIMIT,
        "maxResponseBytes must be from 1 to " + MAX_RESPONSE_BYTES_LIMIT);
    check(options.clock() != null && options.sleeper() != null && options.random() != null,
        "clock, sleeper and random must not be null");
    if (problem != null) throw new IllegalArgumentException("KooDriveClient.builder(): " + problem);
  }
}
