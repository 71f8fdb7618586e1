package dev.gakushu.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.gakushu.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stable JSON form of a {@link RunSpec}: snake_case fields, every value explicit. A run
 * directory's {@code config.json} and a model file's {@code config} metadata hold it. A file
 * written by hand may give only some fields: the others take their defaults ({@link SpecTree}); a
 * field the form does not have, or a value of the wrong kind, is refused naming the file and the
 * field.
 */
public final class RunSpecJson {
  /** The largest specification file read; a real one is about 1 KiB. */
  static final long MAX_BYTES = 1 << 20;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // an enum's value by its position ("activation": 1 as sigmoid) is no spelling of it
          .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .registerSubtypes(
              OptimizerSettings.CLASSES.entrySet().stream()
                  .map(e -> new NamedType(e.getValue(), e.getKey().id()))
                  .toArray(NamedType[]::new))
          .build();

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private RunSpecJson() {}

  /** The indented JSON text. */
  public static String write(RunSpec spec) {
    try {
      return JSON.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A value's JSON form as a tree. */
  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /**
   * Parses a specification, complete or partial (the fields not given take their defaults).
   *
   * @param origin where the text comes from, for messages (a file name)
   * @throws InvalidSpecException if a value is out of range (its {@link
   *     InvalidSpecException#origin()} is {@code origin})
   * @throws BadInputException if the text is not a run specification
   */
  public static RunSpec parse(String text, String origin) {
    JsonNode user;
    try {
      user = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw SpecErrors.notJson(e, origin);
    }
    if (user == null || user.isMissingNode() || user.isNull()) {
      throw new BadInputException(origin + ": empty; expected a run specification");
    }
    return bind(user, origin);
  }

  private static RunSpec bind(JsonNode user, String origin) {
    JsonNode merged = SpecTree.overDefaults(user, origin);
    try {
      return JSON.treeToValue(merged, RunSpec.class);
    } catch (JsonMappingException e) {
      throw SpecErrors.notBound(e, merged, origin);
    } catch (JsonProcessingException e) {
      throw SpecErrors.notJson(e, origin);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(origin + ": " + e.getMessage(), e);
    }
  }

  /** Reads a specification file such as a run directory's {@code config.json}. */
  public static RunSpec read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(file + ": no such file; expected a run specification");
      }
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new BadInputException(
            file + ": " + size + " bytes; expected a run specification of at most " + MAX_BYTES);
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON form as a map, for metadata that embeds it. */
  public static Map<String, Object> toMap(RunSpec spec) {
    return JSON.convertValue(spec, MAP);
  }

  /**
   * A specification from the map {@link #toMap} made (e.g. read back from a model file).
   *
   * @throws BadInputException if the map is not a run specification
   */
  public static RunSpec fromMap(Map<String, Object> map, String origin) {
    return bind(JSON.valueToTree(map), origin);
  }

  /** An optimizer's numeric settings by name, amsgrad as 1 or 0, without its name. */
  static Map<String, Double> numericSettings(OptimizerSettings settings) {
    Map<String, Object> all = JSON.convertValue(settings, MAP);
    Map<String, Double> numbers = new LinkedHashMap<>();
    all.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            numbers.put(k, n.doubleValue());
          } else if (v instanceof Boolean b) {
            numbers.put(k, b ? 1.0 : 0.0);
          }
        });
    return numbers;
  }
}
