package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.koodrive.device.client.invoker.ApiClient;
import com.koodrive.device.client.invoker.RFC3339InstantDeserializer;
import com.koodrive.device.client.model.BoundDeviceEntity;
import com.koodrive.device.client.model.ListBoundDevicesResponse;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;

/**
 * How a 2xx body becomes devices, by the spec's rules, through the generated models:
 * <ol>
 *   <li>an envelope whose {@code code} is an integer other than 0 (with a string {@code msg}) is an {@code API} error,
 *       whatever {@code data} holds: when the generated model cannot be read, the top-level code and msg are read
 *       from the body's bytes on their own ({@link #refusal(byte[])});
 *   <li>the generated {@link ListBoundDevicesResponse} is read strictly: a field of the wrong JSON type fails (a
 *       numeric {@code deviceId} is never turned into a string, a float never into an int, a number never into a
 *       date-time), unknown fields are ignored;
 *   <li>every property the generated model marks required ({@code @JsonProperty(required = true)}, from the spec's
 *       {@code required}) must be present and not null, in the envelope and in every device, and a string with the
 *       spec's {@code pattern} (the generated {@code @Pattern}) must match it: {@code deviceId} is digits only;
 *   <li>{@code data} must be there when {@code code} is 0.
 * </ol>
 */
final class SpecReader {
  private static final String MODEL_PACKAGE = BoundDeviceEntity.class.getPackageName() + ".";

  private final ObjectMapper mapper;

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
    SimpleModule strictDates = new SimpleModule("koodrive-strict-dates");
    // The spec's date-time is a string: the generated deserializer, but never from a number (epoch milliseconds).
    strictDates.addDeserializer(OffsetDateTime.class, new DateTimeFromStringOnly());
    base.registerModule(strictDates);
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

  /** The devices of an envelope the generated code read (steps 1, 3 and 4). */
  List<BoundDeviceEntity> devices(ListBoundDevicesResponse envelope) throws Invalid, Refused {
    if (envelope == null) throw new Invalid("body", "is empty");
    Integer code = envelope.getCode();
    if (code != null && code != 0 && envelope.getMsg() != null) throw new Refused(code, envelope.getMsg());
    checkRequired(envelope, null);
    List<BoundDeviceEntity> data = envelope.getData();
    if (data == null) throw new Invalid("data", "is missing (the spec: present whenever code is 0)");
    return data;
  }

  /** What a Jackson failure on a 2xx body means, without quoting the body (it may echo anything). */
  static Invalid describe(JsonProcessingException error) {
    // Broken JSON (cut short, a stray character) fails the body, wherever the model's reading had got to.
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonParseException) return new Invalid("body", "is not valid JSON");
    }
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

  /** One property of a generated model, as Jackson sees it: its JSON name, whether required, its public getter. */
  private static final class Property {
    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    final String name;
    final boolean required;
    /** The spec's {@code pattern}, from the generated {@code @Pattern}; null without one. */
    final java.util.regex.Pattern pattern;
    private final MethodHandle getter;

    Property(String name, boolean required, Method getter) {
      this.name = name;
      this.required = required;
      Pattern constraint = getter.getAnnotation(Pattern.class);
      this.pattern = constraint == null ? null : java.util.regex.Pattern.compile(constraint.regexp());
      try {
        this.getter = MethodHandles.publicLookup().unreflect(getter).asType(GETTER);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("A generated model's getter is not public: " + getter, e);
      }
    }

    Object valueOf(Object bean) {
      try {
        return (Object) getter.invokeExact(bean);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The properties of each generated model class, from Jackson's view of its annotations (found once per class). */
  private final ClassValue<Property[]> properties =
      new ClassValue<>() {
        @Override
        protected Property[] computeValue(Class<?> type) {
          BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(type));
          List<Property> list = new ArrayList<>();
          for (BeanPropertyDefinition definition : description.findProperties()) {
            if (definition.getGetter() == null) continue;
            list.add(new Property(definition.getName(), definition.isRequired(), definition.getGetter().getAnnotated()));
          }
          return list.toArray(Property[]::new);
        }
      };

  /** Where a value sits in the body; turned into text only for an error (most bodies have none). */
  private static final class Where {
    final Where parent;
    final String name;
    final int index;

    Where(Where parent, String name, int index) {
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    @Override
    public String toString() {
      String head = parent == null ? "" : parent.toString();
      if (name == null) return head + "[" + index + "]";
      return head.isEmpty() ? name : head + "." + name;
    }
  }

  private static final ClassValue<Boolean> IS_MODEL =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.getName().startsWith(MODEL_PACKAGE);
        }
      };

  private void checkRequired(Object bean, Where where) throws Invalid {
    for (Property property : properties.get(bean.getClass())) {
      Object value = property.valueOf(bean);
      if (value == null) {
        if (property.required) throw new Invalid(new Where(where, property.name, -1).toString(), "is missing");
        continue;
      }
      if (property.pattern != null && value instanceof String
          && !property.pattern.matcher((String) value).find()) {
        throw new Invalid(
            new Where(where, property.name, -1).toString(), "must match the pattern " + property.pattern.pattern());
      }
      if (value instanceof List) {
        List<?> items = (List<?>) value;
        Where list = null;
        for (int index = 0; index < items.size(); index++) {
          Object item = items.get(index);
          if (item == null || IS_MODEL.get(item.getClass())) {
            if (list == null) list = new Where(where, property.name, -1);
            Where at = new Where(list, null, index);
            if (item == null) throw new Invalid(at.toString(), "must be an object (got null)");
            checkRequired(item, at);
          }
        }
      } else if (IS_MODEL.get(value.getClass())) {
        checkRequired(value, new Where(where, property.name, -1));
      }
    }
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
