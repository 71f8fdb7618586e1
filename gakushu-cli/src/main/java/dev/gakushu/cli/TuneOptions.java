package dev.gakushu.cli;

import dev.gakushu.tune.ExecutorProvider;
import dev.gakushu.tune.Search;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** tune's own options: the search space, the sampler and scheduler, where trials run, output. */
final class TuneOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The book's search (section 6.5.3): the learning rate and the weight decay, log-uniform. */
  static final List<String> BOOK_SPACE =
      List.of("lr=log(1e-6,1e-2)", "weight-decay=log(1e-8,1e-4)");

  @Option(
      names = "--space",
      paramLabel = "NAME=KIND(...)",
      description =
          "A dimension, repeatable: lr=log(1e-6,1e-2), weight-decay=log(1e-8,1e-4), l1=log(1e-6,1e-3), "
              + "max-norm=uniform(1,5), dropout=uniform(0,0.5), "
              + "batch-size=int(32,256), hidden=choice(50,100,200), momentum=uniform(0.5,0.99) "
              + "(default: the book's, lr=log(1e-6,1e-2) and weight-decay=log(1e-8,1e-4)).")
  List<String> space;

  @Option(
      names = "--trials",
      defaultValue = "20",
      paramLabel = "N",
      description = "Trials in all (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--epochs", paramLabel = "N", description = "Epochs per trial (default: 5).")
  Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Batch size (default: 100).")
  Integer batchSize;

  @Option(
      names = "--scheduler",
      defaultValue = "random",
      paramLabel = "NAME",
      description = "random or asha (default: ${DEFAULT-VALUE}).")
  String scheduler;

  @Option(
      names = "--workers",
      defaultValue = "1",
      paramLabel = "N",
      description = "Trials run at once (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--executor",
      defaultValue = "local",
      paramLabel = "NAME",
      description =
          "Where trials run: local (threads of this JVM) or spark (Spark tasks; the launcher adds "
              + "Spark to the class path) (default: ${DEFAULT-VALUE}).")
  String executor;

  @Option(
      names = "--spark-master",
      paramLabel = "MASTER",
      description =
          "With --executor spark: local[N], spark://HOST:PORT, yarn or k8s://... "
              + "(default: the master spark-submit sets).")
  String sparkMaster;

  @Option(
      names = "--top",
      defaultValue = "5",
      paramLabel = "K",
      description = "Rows of the best-trials table (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--retrain-best",
      description =
          "Train the best configuration on training + validation data into the run directory best/ "
              + "of the search directory and report its test accuracy once.")
  boolean retrainBest;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Search directory (default: runs/<time>-tune).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "DIR",
      description =
          "Continue the search in DIR with the settings it was started with (from its journal): "
              + "finished trials are kept; --trials may extend it. An option of the search given "
              + "again must say the same.")
  Path resume;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  /** The executor --executor names: local threads, or one a module on the class path provides. */
  Search.Executor trialExecutor() {
    if (sparkMaster != null && !executor.equals("spark")) {
      throw Checks.invalid(
          spec,
          "--spark-master",
          "'" + sparkMaster + "' with --executor " + executor,
          "--executor spark");
    }
    if (executor.equals("local")) {
      return Search.LOCAL;
    }
    if (workers != 1) {
      throw Checks.invalid(
          spec,
          "--workers",
          workers + " with --executor " + executor,
          "no --workers: the cluster's cores decide how many trials run at once");
    }
    return ExecutorProvider.find(executor)
        .map(p -> p.executor(sparkMaster))
        .orElseThrow(
            () ->
                Checks.invalid(
                    spec,
                    "--executor",
                    "'" + executor + "'",
                    "local"
                        + ExecutorProvider.names().stream()
                            .map(n -> " or " + n)
                            .reduce("", String::concat)
                        + (executor.equals("spark")
                            ? " (the Spark executor is not on the class path: run ./gakushu, which"
                                + " adds it, or spark-submit gakushu-spark.jar)"
                            : "")));
  }
}
