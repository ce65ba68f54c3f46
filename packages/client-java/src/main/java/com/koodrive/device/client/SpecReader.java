package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.koodrive.device.client.invoker.ApiClient;
import com.koodrive.device.client.invoker.RFC3339InstantDeserializer;
import com.koodrive.device.client.model.BoundDeviceEntity;
import com.koodrive.device.client.model.ListBoundDevicesResponse;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a 2xx body becomes devices, by the spec's rules, through the generated models:
 * <ol>
 *   <li>an envelope whose {@code code} is an integer other than 0 (with a string {@code msg}) is an {@code API} error,
 *       whatever {@code data} holds: the ObjectMapper given to the generated ApiClient reads the envelope first;
 *   <li>the generated {@link ListBoundDevicesResponse} is read strictly: a field of the wrong JSON type fails (a
 *       numeric {@code deviceId} is never turned into a string, a float never into an int, a number never into a
 *       date-time), unknown fields are ignored;
 *   <li>every property the generated model marks required ({@code @JsonProperty(required = true)}, from the spec's
 *       {@code required}) must be present and not null, in the envelope and in every device;
 *   <li>{@code data} must be there when {@code code} is 0.
 * </ol>
 */
final class SpecReader {
  private static final String MODEL_PACKAGE = BoundDeviceEntity.class.getPackageName() + ".";

  private final ObjectMapper mapper;
  private final Map<Class<?>, List<Property>> properties = new ConcurrentHashMap<>();

  SpecReader() {
    ObjectMapper base = ApiClient.createDefaultObjectMapper();
    base.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
    base.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
    base.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    base.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.DateTime}) {
      base.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    base.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    SimpleModule envelopeFirst = new SimpleModule("koodrive-envelope-first");
    envelopeFirst.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
            if (description.getBeanClass() == ListBoundDevicesResponse.class) {
              return new EnvelopeFirst(deserializer);
            }
            return deserializer;
          }
        });
    // The spec's date-time is a string: the generated deserializer, but never from a number (epoch milliseconds).
    envelopeFirst.addDeserializer(OffsetDateTime.class, new DateTimeFromStringOnly());
    base.registerModule(envelopeFirst);
    this.mapper = base;
  }

  /** The ObjectMapper the generated ApiClient reads with. */
  ObjectMapper mapper() {
    return mapper;
  }

  /** The generated RFC 3339 deserializer, for JSON strings only. */
  private static final class DateTimeFromStringOnly extends StdScalarDeserializer<OffsetDateTime> {
    private static final long serialVersionUID = 1L;

    DateTimeFromStringOnly() {
      super(OffsetDateTime.class);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
      }
      return RFC3339InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
    }
  }

  /** The envelope's code and msg, read before the rest of the body. */
  static final class EnvelopeRefusal extends JsonProcessingException {
    private static final long serialVersionUID = 1L;
    final int code;
    final String msg;

    EnvelopeRefusal(int code, String msg) {
      super("KooDrive answered code " + code);
      this.code = code;
      this.msg = msg;
    }
  }

  /** Reads the top-level {@code code} and {@code msg} first; a non-zero code ends the read as an API refusal. */
  private static final class EnvelopeFirst extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    EnvelopeFirst(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new EnvelopeFirst(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      TokenBuffer buffer = context.bufferAsCopyOfValue(parser);
      Integer code = null;
      String msg = null;
      try (JsonParser scan = buffer.asParser(parser.getCodec())) {
        if (scan.nextToken() == JsonToken.START_OBJECT) {
          while (scan.nextToken() == JsonToken.FIELD_NAME) {
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
        }
      }
      if (code != null && msg != null && code != 0) throw new EnvelopeRefusal(code, msg);
      try (JsonParser replay = buffer.asParserOnFirstToken()) {
        return _delegatee.deserialize(replay, context);
      }
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

  /** The devices of a read envelope (steps 3 and 4). */
  List<BoundDeviceEntity> devices(ListBoundDevicesResponse envelope) throws Invalid {
    if (envelope == null) throw new Invalid("body", "is empty");
    checkRequired(envelope, "");
    if (envelope.getCode() != 0) {
      // Unreachable through the ObjectMapper (EnvelopeFirst), kept for envelopes built by hand.
      throw new Invalid("code", "is not 0 but the envelope was read as a success");
    }
    List<BoundDeviceEntity> data = envelope.getData();
    if (data == null) throw new Invalid("data", "is missing (the spec: present whenever code is 0)");
    return data;
  }

  /** What a Jackson failure on a 2xx body means, without quoting the body (it may echo anything). */
  static Invalid describe(JsonProcessingException error) {
    if (error instanceof JsonMappingException) {
      String field = path(((JsonMappingException) error).getPath());
      if (error instanceof InvalidFormatException) {
        return new Invalid(field, "is not a valid " + typeName(((InvalidFormatException) error).getTargetType()));
      }
      if (error instanceof MismatchedInputException) {
        Class<?> target = ((MismatchedInputException) error).getTargetType();
        return new Invalid(field, "must be " + typeName(target));
      }
      return new Invalid(field, "does not match the spec");
    }
    return new Invalid("body", "is not valid JSON");
  }

  private static String typeName(Class<?> type) {
    if (type == null) return "of the spec's type";
    if (type == String.class) return "a string";
    if (type == Integer.class || type == int.class) return "an int32 integer";
    if (Temporal.class.isAssignableFrom(type)) return "a date-time";
    if (List.class.isAssignableFrom(type)) return "an array";
    return "an object";
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (out.length() > 0) out.append('.');
        out.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        out.append('[').append(reference.getIndex()).append(']');
      }
    }
    return out.length() == 0 ? "body" : out.toString();
  }

  /** One property of a generated model, as Jackson sees it: its JSON name, whether required, its getter. */
  private static final class Property {
    final String name;
    final boolean required;
    final AnnotatedMember getter;

    Property(String name, boolean required, AnnotatedMember getter) {
      this.name = name;
      this.required = required;
      this.getter = getter;
    }
  }

  private List<Property> propertiesOf(Class<?> type) {
    return properties.computeIfAbsent(
        type,
        key -> {
          BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(key));
          List<Property> list = new ArrayList<>();
          for (BeanPropertyDefinition definition : description.findProperties()) {
            if (definition.getGetter() == null) continue;
            list.add(new Property(definition.getName(), definition.isRequired(), definition.getGetter()));
          }
          return List.copyOf(list);
        });
  }

  private void checkRequired(Object bean, String path) throws Invalid {
    for (Property property : propertiesOf(bean.getClass())) {
      Object value = property.getter.getValue(bean);
      String field = path.isEmpty() ? property.name : path + "." + property.name;
      if (value == null) {
        if (property.required) throw new Invalid(field, "is missing");
        continue;
      }
      if (value instanceof List) {
        List<?> items = (List<?>) value;
        for (int index = 0; index < items.size(); index++) {
          Object item = items.get(index);
          String at = field + "[" + index + "]";
          if (item == null) throw new Invalid(at, "must be an object (got null)");
          if (isModel(item)) checkRequired(item, at);
        }
      } else if (isModel(value)) {
        checkRequired(value, field);
      }
    }
  }

  private static boolean isModel(Object value) {
    return value.getClass().getName().startsWith(MODEL_PACKAGE);
  }

  /** Parses a non-2xx body as the {@code {code, msg}} envelope, or null when it is not one. */
  Envelope errorEnvelope(String body) {
    if (body == null || body.isEmpty()) return null;
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

  static final class Envelope {
    final int code;
    final String msg;

    Envelope(int code, String msg) {
      this.code = code;
      this.msg = msg;
    }
  }
}
