package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * How a 2xx body becomes an operation's data, by the spec's rules, through the generated models:
 * <ol>
 *   <li>an envelope whose {@code code} is an integer other than 0 (with a string {@code msg}) is an {@code API} error,
 *       whatever {@code data} holds: when the generated model cannot be read, the top-level code and msg are read
 *       from the body's bytes on their own ({@link #refusal(byte[])});
 *   <li>the operation's generated envelope model is read strictly ({@link StrictMapper}): a field of the wrong
 *       JSON type fails (a numeric {@code deviceId} is never turned into a string, a float never into an int, a number
 *       never into a date-time), unknown fields are ignored; what a failure means is {@link JacksonFailures}'s;
 *   <li>every property the generated model marks required ({@code @JsonProperty(required = true)}, from the spec's
 *       {@code required}) must be present and not null, in the envelope and in every device, and a string with the
 *       spec's {@code pattern} (the generated {@code @Pattern}) must match it: {@code deviceId} is digits only
 *       ({@link RequiredFields});
 *   <li>{@code data} must be there when {@code code} is 0.
 * </ol>
 * A non-2xx body is read here too, as the {@code {code, msg}} envelope when it is one ({@link #errorEnvelope}).
 */
final class SpecReader {
  private final ObjectMapper mapper = StrictMapper.create();
  private final RequiredFields requiredFields = new RequiredFields(mapper);

  /** The ObjectMapper the generated models are read and written with. */
  ObjectMapper mapper() {
    return mapper;
  }

  /** A 2xx envelope whose code is not 0: KooDrive refused the call, whatever data held. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;
    final String msg;

    Refused(int code, String msg) {
      super("KooDrive answered code " + code);
      this.code = code;
      this.msg = msg;
    }
  }

  /** A 2xx body that breaks a rule of the spec. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    final String field;

    Invalid(String field, String problem) {
      super(field + " " + problem);
      this.field = field;
    }
  }

  /** A non-2xx body that is the {@code {code, msg}} envelope. */
  record Envelope(int code, String msg) {}

  /** The data of an envelope read into the operation's generated model (steps 1, 3 and 4); null without data. */
  <A, T> T read(Operation<A, T> operation, A envelope) throws Invalid, Refused {
    if (envelope == null) throw new Invalid("body", "is empty");
    Integer code = operation.code().apply(envelope);
    String msg = operation.msg().apply(envelope);
    if (code != null && code != 0 && msg != null) throw new Refused(code, msg);
    requiredFields.check(envelope);
    if (operation.data() == null) return null;
    T data = operation.data().apply(envelope);
    if (data == null) throw new Invalid("data", "is missing (the spec: present whenever code is 0)");
    return data;
  }

  /**
   * The top-level code and msg of a body the generated model could not be read from, when they make it a refusal
   * (code an int other than 0, msg a string); null otherwise. Streams over the top level, skipping everything else.
   */
  Refused refusal(byte[] body) {
    if (body == null) return null;
    Integer code = null;
    String msg = null;
    try (JsonParser scan = mapper.getFactory().createParser(body)) {
      if (scan.nextToken() != JsonToken.START_OBJECT) return null;
      JsonToken token;
      while ((token = scan.nextToken()) == JsonToken.FIELD_NAME) {
        String name = scan.currentName();
        JsonToken value = scan.nextToken();
        if ("code".equals(name) && value == JsonToken.VALUE_NUMBER_INT
            && scan.getNumberType() == JsonParser.NumberType.INT) {
          code = scan.getIntValue();
        } else if ("msg".equals(name) && value == JsonToken.VALUE_STRING) {
          msg = scan.getText();
        } else {
          scan.skipChildren();
        }
      }
    } catch (IOException e) {
      // not JSON, or cut short after the fields we need: judge by what was read
    }
    return code != null && code != 0 && msg != null ? new Refused(code, msg) : null;
  }

  /** Parses a non-2xx body (its bytes: UTF-8 whatever the JVM's default) as the {@code {code, msg}} envelope, or null. */
  Envelope errorEnvelope(byte[] body) {
    if (body == null || body.length == 0) return null;
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || !node.isObject()) return null;
      JsonNode code = node.get("code");
      JsonNode msg = node.get("msg");
      if (code == null || !code.isInt() || msg == null || !msg.isTextual()) return null;
      return new Envelope(code.intValue(), msg.textValue());
    } catch (IOException e) {
      return null; // a gateway's HTML page: the status alone says what happened
    }
  }
}
