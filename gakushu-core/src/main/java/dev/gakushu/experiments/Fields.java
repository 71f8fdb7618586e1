package dev.gakushu.experiments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object's fields in the order given, for the numbers an experiment writes: {@code Map.of}
 * iterates in an order that changes from one JVM to the next, so the same seed wrote the same
 * numbers in different orders, and files that differed byte for byte.
 */
final class Fields {
  private Fields() {}

  /**
   * @param keysAndValues key, value, key, value, … (keys are strings, each once)
   */
  static Map<String, Object> of(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("a value for every key: " + keysAndValues.length);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = (String) keysAndValues[i];
      if (fields.put(key, keysAndValues[i + 1]) != null || keysAndValues[i + 1] == null) {
        throw new IllegalArgumentException("each key once, with a value: " + key);
      }
    }
    return Collections.unmodifiableMap(fields);
  }
}
