package dev.gakushu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.bench.TrainingWorkload;
import dev.gakushu.nn.Network;
import dev.gakushu.observe.LayerStatistics;
import dev.gakushu.run.LayersFile;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.KernelChoice;
import dev.gakushu.train.TrainListener;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench}'s training workloads (W1, W2, W3): samples per second at each thread count, as a
 * sentence or a JSON object per line; with {@code --layer-stats-every}, against the same training
 * with per-layer statistics, alternating.
 */
final class TrainingBench {
  private final BenchCommand options;
  private final PrintWriter out;

  TrainingBench(BenchCommand options, PrintWriter out) {
    this.options = options;
    this.out = out;
  }

  void run(TrainingWorkload workload, List<Integer> threadCounts) throws JsonProcessingException {
    String kernel = new Gemm(1).kernelName();
    for (int t : threadCounts) {
      if (options.layerStatsEvery != null) {
        print(
            workload.compare(
                t, options.warmup, options.repeat, options.steps, kernel, this::layerStats));
      } else {
        print(workload.measure(t, options.warmup, options.repeat, options.steps, kernel));
      }
      out.flush();
    }
  }

  private void print(TrainingWorkload.Result r) throws JsonProcessingException {
    if (!options.json) {
      out.println(r.sentence());
      return;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("workload", r.workload().name());
    o.put("threads", r.threads());
    o.put("samples_per_second", r.samplesPerSecond());
    o.put("gflops", r.gflops());
    o.put("kernel", r.kernel());
    o.put("bytes_per_step", r.bytesPerStep());
    o.put("kernels", KernelChoice.current().description());
    o.put("java", System.getProperty("java.version"));
    out.println(new ObjectMapper().writeValueAsString(o));
  }

  private void print(TrainingWorkload.Comparison c) throws JsonProcessingException {
    if (options.json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("workload", c.without().workload().name());
      o.put("threads", c.without().threads());
      o.put("samples_per_second", c.without().samplesPerSecond());
      o.put("samples_per_second_with_layer_stats", c.with().samplesPerSecond());
      o.put("layer_stats_every", options.layerStatsEvery);
      o.put("ratio", c.ratio());
      o.put("time_in_layer_stats", c.listenerShare());
      o.put("kernel", c.without().kernel());
      out.println(new ObjectMapper().writeValueAsString(o));
    } else {
      out.printf(
          Locale.ROOT,
          "%s; with layer statistics every %d steps %.0f samples/s: ratio %.4f "
              + "(median of %d alternating repetitions); time in the statistics %.2f %% of the "
              + "steps' time%n",
          c.without().sentence(),
          options.layerStatsEvery,
          c.with().samplesPerSecond(),
          c.ratio(),
          options.repeat,
          100 * c.listenerShare());
    }
  }

  /** Per-layer statistics as train takes them, serialised as for layers.jsonl and dropped. */
  private TrainListener layerStats(Network network) {
    ObjectMapper json = new ObjectMapper();
    return new LayerStatistics(
        network,
        options.layerStatsEvery,
        s -> {
          try {
            json.writeValueAsBytes(LayersFile.line(s));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
