package dev.gakushu.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codec of {@link RunFile#LAYERS}: one JSON line per {@link LayerSnapshot},
 *
 * <pre>{@code
 * {"epoch":1,"step":34,
 *  "layers":[{"name":"dense1","type":"dense","mean":…,"std":…,"min":…,"max":…,
 *             "zero_fraction":…,"saturated_fraction":null,"histogram":[30 counts]},…],
 *  "params":[{"name":"dense1.W","weight_norm":…,"grad_norm":…,"update_norm":…,
 *             "update_ratio":…},…]}
 * }</pre>
 *
 * The histogram's 30 equal bins span [min, max] of the same layer. A figure that is not a number is
 * written as null.
 */
public final class LayersFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LayersFile() {}

  /** The JSON object of one line. */
  public static Map<String, Object> line(LayerSnapshot s) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("epoch", s.epoch());
    line.put("step", s.step());
    List<Map<String, Object>> layers = new ArrayList<>();
    for (ActivationStats a : s.activations()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("name", a.layer());
      l.put("type", a.type());
      l.put("mean", MetricsFile.finiteOrNull(a.mean()));
      l.put("std", MetricsFile.finiteOrNull(a.std()));
      l.put("min", MetricsFile.finiteOrNull(a.min()));
      l.put("max", MetricsFile.finiteOrNull(a.max()));
      l.put("zero_fraction", MetricsFile.finiteOrNull(a.zeroFraction()));
      l.put("saturated_fraction", MetricsFile.finiteOrNull(a.saturatedFraction()));
      l.put("histogram", a.histogram());
      layers.add(l);
    }
    line.put("layers", layers);
    List<Map<String, Object>> params = new ArrayList<>();
    for (ParamStats p : s.params()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.param());
      m.put("weight_norm", MetricsFile.finiteOrNull(p.weightNorm()));
      m.put("grad_norm", MetricsFile.finiteOrNull(p.gradNorm()));
      m.put("update_norm", MetricsFile.finiteOrNull(p.updateNorm()));
      m.put("update_ratio", MetricsFile.finiteOrNull(p.updateRatio()));
      params.add(m);
    }
    line.put("params", params);
    return line;
  }

  /**
   * How many of the file's first lines belong to steps up to {@code step}: the lines a run resumed
   * at that step keeps (it writes the others again). The count ends at the first line past the step
   * and at the first torn or damaged line.
   */
  public static int linesUpToStep(List<String> lines, long step) {
    int keep = 0;
    for (String line : lines) {
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException torn) {
        break;
      }
      if (n == null || n.path("step").asLong(Long.MAX_VALUE) > step) {
        break;
      }
      keep++;
    }
    return keep;
  }
}
