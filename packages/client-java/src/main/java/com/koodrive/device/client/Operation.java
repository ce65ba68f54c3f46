package com.koodrive.device.client;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What one call of an operation sends and how its 2xx answer is read. Written for every operation by the generated
 * {@code <OperationId>Parameters.operation()} (packages/client-java/generator/operations.mustache), never by hand.
 *
 * @param target the path (its parameters percent-encoded) and the query, if any, after {@code ?}
 * @param headers the spec's headers a caller set (the client adds X-User-Id, X-Date and Authorization)
 * @param body the JSON body as the generated model, or null
 * @param answer the generated model of the 2xx answer's envelope
 * @param data the envelope's {@code data}, or null when the answer has none (the call then returns nothing)
 */
record Operation<A, T>(
    String method,
    String target,
    Map<String, String> headers,
    Object body,
    Class<A> answer,
    Function<A, Integer> code,
    Function<A, String> msg,
    Function<A, T> data) {
  /** The methods whose request may be repeated after any failure (RFC 9110 idempotent); POST and PATCH may not. */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

  boolean idempotent() {
    return IDEMPOTENT.contains(method);
  }

  static Builder to(String method, String pathTemplate) {
    return new Builder(method, pathTemplate);
  }

  /** Builds an Operation: the path's parameters, the query in OpenAPI's default form style, headers and body. */
  static final class Builder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private final String method;
    private String path;
    private final StringBuilder query = new StringBuilder();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object body;

    private Builder(String method, String pathTemplate) {
      this.method = method;
      this.path = pathTemplate;
    }

    /** Replaces {@code {name}} by the value, percent-encoded (a {@code /} in it stays inside the segment). */
    Builder path(String name, Object value) {
      Objects.requireNonNull(value, name);
      path = path.replace("{" + name + "}", encode(String.valueOf(value), false));
      return this;
    }

    /** {@code name=value} (form style; a list is {@code name=a&name=b}, or {@code name=a,b} unexploded); null omits it. */
    Builder query(String name, Object value, boolean explode) {
      if (value == null) return this;
      if (value instanceof Collection<?> items) {
        if (items.isEmpty()) return this;
        if (explode) {
          for (Object item : items) query(name, item, true);
          return this;
        }
        StringBuilder joined = new StringBuilder();
        for (Object item : items) {
          if (joined.length() > 0) joined.append(',');
          joined.append(encode(String.valueOf(item), true));
        }
        return append(name, joined.toString());
      }
      return append(name, encode(String.valueOf(value), true));
    }

    private Builder append(String name, String encodedValue) {
      query.append(query.length() == 0 ? "" : "&").append(encode(name, true)).append('=').append(encodedValue);
      return this;
    }

    /** A header of the spec's that a caller set; null omits it. */
    Builder header(String name, Object value) {
      if (value != null) headers.put(name, String.valueOf(value));
      return this;
    }

    /** The JSON body, a generated model: the client writes it with its ObjectMapper. */
    Builder body(Object value) {
      this.body = value;
      return this;
    }

    <A, T> Operation<A, T> reads(
        Class<A> answer, Function<A, Integer> code, Function<A, String> msg, Function<A, T> data) {
      String target = query.length() == 0 ? path : path + "?" + query;
      return new Operation<>(method, target, Map.copyOf(headers), body, answer, code, msg, data);
    }

    /** Percent-encodes the UTF-8 bytes of everything but RFC 3986's unreserved characters. */
    static String encode(String value, boolean inQuery) {
      StringBuilder out = new StringBuilder(value.length() + 8);
      for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
          out.append(c);
        } else {
          out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
        }
      }
      return out.toString();
    }
  }
}
