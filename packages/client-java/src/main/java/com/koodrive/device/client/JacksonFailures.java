package com.koodrive.device.client;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.List;

/** What a Jackson failure on a 2xx body means for the spec: the field that was wrong and how. */
final class JacksonFailures {
  private JacksonFailures() {}

  /** What a Jackson failure on a 2xx body means, without quoting the body (it may echo anything). */
  static SpecReader.Invalid describe(JsonProcessingException error) {
    // Broken JSON (cut short, a stray character) fails the body, wherever the model's reading had got to.
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonParseException) return new SpecReader.Invalid("body", "is not valid JSON");
    }
    if (error instanceof JsonMappingException) {
      String field = path(((JsonMappingException) error).getPath());
      if (error instanceof InvalidFormatException) {
        return new SpecReader.Invalid(
            field, "is not a valid " + typeName(((InvalidFormatException) error).getTargetType()));
      }
      if (error instanceof MismatchedInputException) {
        Class<?> target = ((MismatchedInputException) error).getTargetType();
        return new SpecReader.Invalid(field, "must be " + typeName(target));
      }
      return new SpecReader.Invalid(field, "does not match the spec");
    }
    return new SpecReader.Invalid("body", "is not valid JSON");
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
}
