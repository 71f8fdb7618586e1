package dev.gakushu.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.bench.FmaPeak;
import dev.gakushu.bench.GemmWorkload;
import dev.gakushu.bench.TrainingWorkload;
import dev.gakushu.data.DataLocations;
import dev.gakushu.data.DataSource;
import dev.gakushu.data.Downloader;
import dev.gakushu.nn.Network;
import dev.gakushu.observe.LayerStatistics;
import dev.gakushu.observe.LayersLog;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.KernelChoice;
import dev.gakushu.train.TrainListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu bench --workload data --data digits --repeat 1",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures training speed and data loading on this machine.",
      "Workloads:",
      "  W1    784-100-100-100-100-10 ReLU, Adam, batch 100: training samples per second",
      "  W2    W1 with BatchNorm and Dropout(0.2) in every hidden block",
      "  W3    784-1024-1024-10 ReLU, SGD with momentum 0.9, batch 256 (and its GFLOPS)",
      "  data  loading Fashion-MNIST (or --data): seconds and heap held by the loaded data.",
      "  gemm  matrix products 100x784x100, 256x784x1024, 1024x1024x1024 (MxKxN) in the forms NN,",
      "        TN and NT: GFLOPS, and the core's measured FMA peak (fma-peak).",
      "Training workloads use random data of Fashion-MNIST's shape; training and gemm run with 1 and",
      "with all threads unless --threads is given."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--workload",
      defaultValue = "W1,W2,W3",
      split = ",",
      paramLabel = "NAME",
      description = "Workloads to run, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> workloads;

  @Option(
      names = "--data",
      completionCandidates = Candidates.DataSets.class,
      defaultValue = "fashion-mnist",
      paramLabel = "SOURCE",
      description = "The data the data workload loads (default: ${DEFAULT-VALUE}).")
  String data;

  @Option(
      names = "--repeat",
      defaultValue = "3",
      paramLabel = "N",
      description = "Repetitions; the median is reported (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Threads for the training workloads (default: 1, then all cores).")
  Integer threads;

  @Option(
      names = "--steps",
      defaultValue = "300",
      paramLabel = "N",
      description = "Training steps per repetition (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "3",
      paramLabel = "SECONDS",
      description =
          "Seconds of training before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(
      names = "--layer-stats-every",
      paramLabel = "STEPS",
      description =
          "Also time each training workload with per-layer statistics taken every STEPS steps "
              + "(as train's option), alternating repetitions without and with them, and report the "
              + "ratio. 500 is train's default on Fashion-MNIST at batch 100 (one epoch of 50,000 rows).")
  Integer layerStatsEvery;

  @Option(
      names = "--json",
      description = "Print one JSON object per workload instead of a sentence.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Checks.atLeast(spec, "--repeat", repeat, 1);
    Checks.atLeast(spec, "--steps", steps, 1);
    if (threads != null) {
      Checks.atLeast(spec, "--threads", threads, 1);
    }
    if (layerStatsEvery != null) {
      Checks.atLeast(spec, "--layer-stats-every", layerStatsEvery, 1);
    }
    if (!(warmup >= 0) || Double.isInfinite(warmup)) {
      throw Checks.invalid(spec, "--warmup", warmup, "a number of seconds >= 0");
    }
    for (String w : workloads) {
      if (!w.equals("data") && !w.equals("gemm") && TrainingWorkload.byName(w) == null) {
        throw Checks.invalid(spec, "--workload", "'" + w + "'", "W1, W2, W3, gemm or data");
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    String kernel = new Gemm(1).kernelName();
    if (!json && workloads.stream().anyMatch(w -> !w.equals("data"))) {
      out.println("kernels: " + KernelChoice.current().description());
    }
    List<Integer> threadCounts =
        threads != null
            ? List.of(threads)
            : List.of(1, Runtime.getRuntime().availableProcessors()).stream().distinct().toList();
    for (String w : workloads) {
      TrainingWorkload workload = TrainingWorkload.byName(w);
      if (workload != null) {
        for (int t : threadCounts) {
          if (layerStatsEvery != null) {
            printComparison(
                out, workload.compare(t, warmup, repeat, steps, kernel, this::layerStats));
            continue;
          }
          TrainingWorkload.Result r = workload.measure(t, warmup, repeat, steps, kernel);
          if (json) {
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
          } else {
            out.println(r.sentence());
          }
          out.flush();
        }
        continue;
      }
      if (w.equals("gemm")) {
        gemm(out, threadCounts);
        continue;
      }
      Map<String, Object> result = dataLoad();
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(result));
      } else {
        out.printf(
            Locale.ROOT,
            "%s: loaded %s (%s + %s rows) in %.2f s (median of %d); heap held by the data %.1f MiB, "
                + "%.2f bytes per pixel%n",
            w,
            result.get("data"),
            result.get("train_rows"),
            result.get("test_rows"),
            (Double) result.get("seconds"),
            repeat,
            (Double) result.get("heap_mib"),
            (Double) result.get("bytes_per_value"));
      }
    }
    return 0;
  }

  /** The gemm workload: the FMA peak of one core, then every point at each thread count. */
  private void gemm(PrintWriter out, List<Integer> threadCounts) throws JsonProcessingException {
    double peak = GemmWorkload.fmaPeak(warmup, repeat);
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("workload", "fma-peak");
      o.put("gflops", peak);
      o.put("width", FmaPeak.width());
      o.put("kernels", KernelChoice.current().description());
      o.put("java", System.getProperty("java.version"));
      out.println(new ObjectMapper().writeValueAsString(o));
    } else {
      out.printf(
          Locale.ROOT,
          "fma-peak: %.1f GFLOPS per core (%s, median of %d)%n",
          peak,
          FmaPeak.width(),
          repeat);
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
          out.println(new ObjectMapper().writeValueAsString(o));
        } else {
          out.println(p.sentence(peak));
        }
      }
      out.flush();
    }
  }

  /** Per-layer statistics as train takes them, serialised as for layers.jsonl and dropped. */
  private TrainListener layerStats(Network network) {
    ObjectMapper json = new ObjectMapper();
    return new LayerStatistics(
        network,
        layerStatsEvery,
        s -> {
          try {
            json.writeValueAsBytes(LayersLog.line(s));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private void printComparison(PrintWriter out, TrainingWorkload.Comparison c)
      throws JsonProcessingException {
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("workload", c.without().workload().name());
      o.put("threads", c.without().threads());
      o.put("samples_per_second", c.without().samplesPerSecond());
      o.put("samples_per_second_with_layer_stats", c.with().samplesPerSecond());
      o.put("layer_stats_every", layerStatsEvery);
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
          layerStatsEvery,
          c.with().samplesPerSecond(),
          c.ratio(),
          repeat,
          100 * c.listenerShare());
    }
    out.flush();
  }

  private Map<String, Object> dataLoad() {
    List<Double> seconds = new ArrayList<>();
    DataSource loaded = null;
    long heap = 0;
    for (int i = 0; i < repeat; i++) {
      loaded = null;
      long before = usedHeapAfterGc();
      long start = System.nanoTime();
      loaded =
          DataSource.load(
              data,
              DataLocations.fromEnvironment(null),
              true,
              new DataSource.CsvOptions(null, null),
              Downloader.standard(),
              Downloader.Progress.NONE);
      seconds.add((System.nanoTime() - start) / 1e9);
      heap = usedHeapAfterGc() - before;
    }
    seconds.sort(null);
    long values =
        (long) loaded.pool().size() * loaded.pool().featureCount()
            + (loaded.test() == null
                ? 0
                : (long) loaded.test().size() * loaded.test().featureCount());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("workload", "data");
    r.put("data", loaded.name());
    r.put("train_rows", loaded.pool().size());
    r.put("test_rows", loaded.test() == null ? 0 : loaded.test().size());
    r.put("seconds", seconds.get(seconds.size() / 2));
    r.put("heap_mib", heap / (1024.0 * 1024));
    r.put("bytes_per_value", (double) heap / values);
    return r;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
