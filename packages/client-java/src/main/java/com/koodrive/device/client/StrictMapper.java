package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.koodrive.device.client.invoker.ApiClient;
import com.koodrive.device.client.invoker.RFC3339InstantDeserializer;
import java.io.IOException;
import java.time.OffsetDateTime;

/**
 * The ObjectMapper the generated models are read with: the generated ApiClient's own, made strict. A field of the
 * wrong JSON type fails (a numeric {@code deviceId} is never turned into a string, a float never into an int, a number
 * never into a date-time); unknown fields are ignored.
 */
final class StrictMapper {
  private StrictMapper() {}

  static ObjectMapper create() {
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
    return base;
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
}
