package com.koodrive.device.client;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.koodrive.device.client.model.BoundDeviceEntity;
import jakarta.validation.constraints.Pattern;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's rules Jackson does not enforce on the generated models it read: every property the generated model marks
 * required ({@code @JsonProperty(required = true)}, from the spec's {@code required}) is present and not null, in the
 * envelope and in every device, and a string with the spec's {@code pattern} (the generated {@code @Pattern}) matches
 * it: {@code deviceId} is digits only.
 */
final class RequiredFields {
  private static final String MODEL_PACKAGE = BoundDeviceEntity.class.getPackageName() + ".";

  private final ObjectMapper mapper;

  RequiredFields(ObjectMapper mapper) {
    this.mapper = mapper;
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
  private record Where(Where parent, String name, int index) {
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

  /** Checks a generated model read from the body, and every model it holds. */
  void check(Object bean) throws SpecReader.Invalid {
    checkRequired(bean, null);
  }

  private void checkRequired(Object bean, Where where) throws SpecReader.Invalid {
    for (Property property : properties.get(bean.getClass())) {
      Object value = property.valueOf(bean);
      if (value == null) {
        if (property.required) {
          throw new SpecReader.Invalid(new Where(where, property.name, -1).toString(), "is missing");
        }
        continue;
      }
      if (property.pattern != null && value instanceof String
          && !property.pattern.matcher((String) value).find()) {
        throw new SpecReader.Invalid(
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
            if (item == null) throw new SpecReader.Invalid(at.toString(), "must be an object (got null)");
            checkRequired(item, at);
          }
        }
      } else if (IS_MODEL.get(value.getClass())) {
        checkRequired(value, new Where(where, property.name, -1));
      }
    }
  }
}
