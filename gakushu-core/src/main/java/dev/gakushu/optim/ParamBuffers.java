package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimizer's per-parameter state: for each parameter, one float array per named buffer (e.g.
 * "m" and "v"), created as zeros on first use, as the book and PyTorch both do.
 */
final class ParamBuffers {
  private static final float[][] NONE = new float[0][];
  private final String[] names;
  private final Map<String, float[][]> byParam = new LinkedHashMap<>();

  ParamBuffers(String... names) {
    this.names = names.clone();
  }

  /** The buffer names, in order. */
  List<String> names() {
    return List.of(names);
  }

  /** The buffers of {@code p}, in the order of the names given at construction. */
  float[][] of(Param p) {
    if (names.length == 0) {
      return NONE;
    }
    float[][] buffers = byParam.get(p.name());
    if (buffers == null) { // not computeIfAbsent: its capturing lambda would allocate every step
      buffers = new float[names.length][p.value().size()];
      byParam.put(p.name(), buffers);
    }
    if (buffers[0].length != p.value().size()) {
      throw new IllegalStateException(
          "optimizer state for "
              + p.name()
              + " holds "
              + buffers[0].length
              + " values, the parameter "
              + p.value().size());
    }
    return buffers;
  }

  /** Every buffer, keyed {@code <param>.<buffer>} (copied by {@link OptimizerState}). */
  Map<String, float[]> export() {
    Map<String, float[]> out = new LinkedHashMap<>();
    byParam.forEach(
        (param, buffers) -> {
          for (int b = 0; b < names.length; b++) {
            out.put(param + "." + names[b], buffers[b]);
          }
        });
    return out;
  }

  /**
   * Replaces every buffer with a copy of {@code state}'s, which must hold all of each parameter's.
   */
  void restore(Map<String, float[]> state) {
    Map<String, float[][]> restored = new HashMap<>();
    Map<String, Integer> found = new HashMap<>();
    for (var entry : state.entrySet()) {
      String key = entry.getKey();
      int dot = key.lastIndexOf('.');
      int b = dot < 0 ? -1 : Arrays.asList(names).indexOf(key.substring(dot + 1));
      if (b < 0) {
        throw new IllegalArgumentException(
            "optimizer state has an unknown buffer '"
                + key
                + "'; expected "
                + String.join(", ", names)
                + " per parameter");
      }
      String param = key.substring(0, dot);
      float[][] buffers = restored.computeIfAbsent(param, k -> new float[names.length][]);
      buffers[b] = entry.getValue().clone();
      found.merge(param, 1, Integer::sum);
    }
    found.forEach(
        (param, count) -> {
          if (count != names.length) {
            throw new IllegalArgumentException(
                "optimizer state for "
                    + param
                    + " lacks some of its buffers "
                    + String.join(", ", names));
          }
        });
    byParam.clear();
    byParam.putAll(restored);
  }
}
