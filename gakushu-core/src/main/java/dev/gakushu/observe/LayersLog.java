package dev.gakushu.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.run.RunFile;
import dev.gakushu.train.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes each {@link LayerSnapshot} as one JSON line of {@code layers.jsonl}:
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
public final class LayersLog implements Consumer<LayerSnapshot> {
  public static final String FILE = RunFile.LAYERS;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RunDirectory run;

  public LayersLog(RunDirectory run) {
    this.run = run;
  }

  @Override
  public void accept(LayerSnapshot s) {
    run.appendJsonLine(FILE, line(s));
  }

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
      l.put("mean", number(a.mean()));
      l.put("std", number(a.std()));
      l.put("min", number(a.min()));
      l.put("max", number(a.max()));
      l.put("zero_fraction", number(a.zeroFraction()));
      l.put("saturated_fraction", number(a.saturatedFraction()));
      l.put("histogram", a.histogram());
      layers.add(l);
    }
    line.put("layers", layers);
    List<Map<String, Object>> params = new ArrayList<>();
    for (ParamStats p : s.params()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.param());
      m.put("weight_norm", number(p.weightNorm()));
      m.put("grad_norm", number(p.gradNorm()));
      m.put("update_norm", number(p.updateNorm()));
      m.put("update_ratio", number(p.updateRatio()));
      params.add(m);
    }
    line.put("params", params);
    return line;
  }

  private static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * Keeps the lines of steps up to {@code step} and drops the rest: a resumed run writes those
   * again.
   */
  public static void keepUpToStep(RunDirectory run, long step) {
    Path file = run.path().resolve(FILE);
    if (!Files.exists(file)) {
      return;
    }
    try {
      int keep = 0;
      for (String line : Files.readAllLines(file)) {
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
      run.keepJsonLines(FILE, keep);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
