package dev.gakushu.cli;

import dev.gakushu.tune.ExecutorProvider;
import dev.gakushu.tune.Search;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where tune's trials run: threads of this JVM, how many at once, or an executor such as Spark. */
final class ExecutorOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

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

  /** With several local workers, each one's share of the cores (a trial's default threads). */
  int threadsPerWorker() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
  }

  /** Where the trials run, for the line that opens a search. */
  String where(int threads) {
    return executor.equals("local")
        ? workers + " worker(s) of " + threads + " thread(s)"
        : "on " + executor + (sparkMaster == null ? "" : " " + sparkMaster);
  }
}
