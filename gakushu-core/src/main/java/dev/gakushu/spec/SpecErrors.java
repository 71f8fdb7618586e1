package dev.gakushu.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.gakushu.BadInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The refusal of a run specification file in the user's terms: the file, the field's path as the
 * file spells it ({@code loop.epochs}, {@code network.hidden[1]}) and what it must be. No parser,
 * class or type name of this program reaches the message.
 */
final class SpecErrors {
  private SpecErrors() {}

  /** Why {@code text} is not JSON: the place, and the parser's reason without its internals. */
  static BadInputException notJson(JsonProcessingException e, String origin) {
    JsonLocation at = e.getLocation();
    String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
    int cut = reason.indexOf(" (");
    return new BadInputException(
        origin
            + ": not a run specification: invalid JSON"
            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
            + " ("
            + (cut > 0 ? reason.substring(0, cut) : reason)
            + ")",
        e);
  }

  /**
   * Why the merged tree {@code merged} does not bind: a value out of its range (an {@link
   * InvalidSpecException} found in {@code origin}), a value of the wrong kind, or a value refused
   * by the part it belongs to.
   */
  static BadInputException notBound(JsonMappingException e, JsonNode merged, String origin) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidSpecException invalid) {
        return invalid.in(origin);
      }
    }
    String path = path(e.getPath());
    String got = SpecTree.shown(merged.at(pointer(e.getPath())));
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return new BadInputException(
          origin + ": " + path + " must be " + kind(mismatch.getTargetType()) + ", got " + got, e);
    }
    if (e.getCause() instanceof InputCoercionException big) { // a whole number out of its range
      boolean wide = big.getTargetType() == long.class || big.getTargetType() == Long.class;
      return new BadInputException(
          String.format(
              Locale.ROOT,
              "%s: %s must be an integer from %d to %d, got %s",
              origin,
              path,
              wide ? Long.MIN_VALUE : Integer.MIN_VALUE,
              wide ? Long.MAX_VALUE : Integer.MAX_VALUE,
              got),
          e);
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof IllegalArgumentException bad) { // e.g. a learning-rate schedule's own check
        return new BadInputException(origin + ": " + path + ": " + bad.getMessage(), e);
      }
    }
    return new BadInputException(
        origin + ": " + (path.isEmpty() ? "" : path + ": ") + "not a usable value", e);
  }

  /** The kind of value a field of type {@code type} holds, in words. */
  static String kind(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of "
          + String.join(
              ", ",
              Arrays.stream(type.getEnumConstants())
                  .map(c -> RunSpecJson.tree(c).asText())
                  .toList());
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()
        ? "an object"
        : "a value of another kind";
  }

  /** {@code loop.epochs}, {@code network.hidden[1]}. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  /** The JSON pointer of the same place, to show the value there. */
  private static String pointer(List<JsonMappingException.Reference> references) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        s.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (r.getIndex() >= 0) {
        s.append('/').append(r.getIndex());
      }
    }
    return s.toString();
  }
}
