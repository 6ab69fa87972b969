package dev.colony.governance;

import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.ValidationResponse;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

/**
 * Reads the list fields of cedar-java's responses.
 *
 * <p>cedar-java declares them as Guava {@code ImmutableList}s but depends on Guava at runtime scope
 * only, so they cannot be named at compile time without adding Guava to this module; they are read
 * here as plain {@link List}s (which {@code ImmutableList} is). Used when loading, and when Cedar
 * fails outright; never on the normal decision path.
 */
final class CedarLists {
  private static final Field SOURCE_LOCATIONS = field(DetailedError.class, "sourceLocations");
  private static final Field VALIDATION_ERRORS =
      field(ValidationResponse.ValidationSuccessResponse.class, "validationErrors");
  private static final Field VALIDATION_WARNINGS =
      field(ValidationResponse.ValidationSuccessResponse.class, "validationWarnings");

  private CedarLists() {}

  static List<DetailedError.SourceLabel> sourceLocations(DetailedError error) {
    return read(SOURCE_LOCATIONS, error);
  }

  static List<ValidationResponse.ValidationError> errors(
      ValidationResponse.ValidationSuccessResponse success) {
    return read(VALIDATION_ERRORS, success);
  }

  static List<ValidationResponse.ValidationError> warnings(
      ValidationResponse.ValidationSuccessResponse success) {
    return read(VALIDATION_WARNINGS, success);
  }

  /** The errors of an {@code Optional<ImmutableList<DetailedError>>} field's value. */
  @SuppressWarnings("unchecked")
  static List<DetailedError> detailed(Object optionalList) {
    return ((Optional<Object>) optionalList).map(l -> (List<DetailedError>) l).orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> read(Field field, Object owner) {
    try {
      var value = field.get(owner);
      return value == null ? List.of() : (List<T>) value;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cedar-java field " + field + " is not readable", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      return type.getField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "cedar-java " + type.getName() + " has no field " + name + "; is it 4.10?", e);
    }
  }
}
