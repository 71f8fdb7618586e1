package dev.gakushu.cli;

import dev.gakushu.bench.TrainingWorkload;
import dev.gakushu.tensor.GemmTuning;
import dev.gakushu.tensor.KernelChoice;
import java.io.PrintWriter;
import java.util.List;
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
      "        TN and NT: GFLOPS, and the core's measured FMA peak (fma-peak); the matrix kernel's",
      "        tile and blocks come from the cache, the tuner or the cache-size rule (--tune).",
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

  @Option(
      names = "--tune",
      description =
          "Measure the matrix kernel's fastest tile and blocks on this machine again (about 3 s) "
              + "and save them in the cache (~/.cache/gakushu/gemm-tuning.txt), before the "
              + "workloads run.")
  boolean tune;

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
    if (tune) {
      GemmTuning.tune(); // before any product is set up
    }
    if (!json && (tune || workloads.stream().anyMatch(w -> !w.equals("data")))) {
      out.println("kernels: " + KernelChoice.current().description());
      out.println("matrix kernel: " + GemmTuning.current().description());
    }
    List<Integer> threadCounts =
        threads != null
            ? List.of(threads)
            : List.of(1, Runtime.getRuntime().availableProcessors()).stream().distinct().toList();
    for (String w : workloads) {
      TrainingWorkload workload = TrainingWorkload.byName(w);
      if (workload != null) {
        new TrainingBench(this, out).run(workload, threadCounts);
      } else if (w.equals("gemm")) {
        new GemmBench(out, json, warmup, repeat).run(threadCounts);
      } else {
        new DataBench(out, json, repeat).run(w, data);
      }
    }
    return 0;
  }
}
