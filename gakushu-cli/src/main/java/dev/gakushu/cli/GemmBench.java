package dev.gakushu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.bench.FmaPeak;
import dev.gakushu.bench.GemmWorkload;
import dev.gakushu.tensor.GemmTuning;
import dev.gakushu.tensor.KernelChoice;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench}'s gemm workload: the FMA peak of one core, then GFLOPS of every shape and form at
 * each thread count, each line naming the kernel's tile and blocks and where they came from ({@link
 * GemmTuning}).
 */
final class GemmBench {
  private final PrintWriter out;
  private final boolean json;
  private final double warmup;
  private final int repeat;

  GemmBench(PrintWriter out, boolean json, double warmup, int repeat) {
    this.out = out;
    this.json = json;
    this.warmup = warmup;
    this.repeat = repeat;
  }

  void run(List<Integer> threadCounts) throws JsonProcessingException {
    double peak = GemmWorkload.fmaPeak(warmup, repeat);
    GemmTuning tuning = GemmTuning.current();
    double bound = FmaPeak.boundsTheKernels() ? peak : Double.NaN;
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("workload", "fma-peak");
      o.put("gflops", peak);
      o.put("width", FmaPeak.width());
      o.put("kernels", KernelChoice.current().description());
      o.put("java", System.getProperty("java.version"));
      out.println(new ObjectMapper().writeValueAsString(withTuning(o, tuning)));
    } else {
      out.printf(
          Locale.ROOT,
          "fma-peak: %.1f GFLOPS per core (%s, median of %d)%s%n",
          peak,
          FmaPeak.width(),
          repeat,
          Double.isNaN(bound)
              ? "; not compared with the products: the JIT vectorises the plain kernel's loops"
              : "");
    }
    out.flush();
    for (int t : threadCounts) {
      for (GemmWorkload.Point p : GemmWorkload.measure(t, warmup, repeat)) {
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("workload", "gemm");
          o.put("shape", p.shape());
          o.put("form", p.form().name());
          o.put("threads", p.threads());
          o.put("gflops", p.gflops());
          o.put("kernel", p.kernel());
          out.println(new ObjectMapper().writeValueAsString(withTuning(o, tuning)));
        } else {
          out.println(p.sentence(bound));
        }
      }
      out.flush();
    }
  }

  /** The tile and blocks, and whether they came from the cache, the tuner or the fallback. */
  private static Map<String, Object> withTuning(Map<String, Object> o, GemmTuning tuning) {
    o.put("tuning", tuning.description());
    o.put("tuning_source", tuning.source().name().toLowerCase(Locale.ROOT));
    return o;
  }
}
