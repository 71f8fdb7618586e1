package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.tune.ExecutorProvider;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchRun;
import dev.gakushu.tune.SearchSpace;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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

  /**
   * The search --resume names (null without it), whose recorded scheduler and sampler stand for
   * --scheduler and --sampler when they are not given.
   */
  SearchResume resumed(SamplerOptions sampler) {
    if (resume == null) {
      return null;
    }
    if (!Files.isRegularFile(resume.resolve(Search.JOURNAL))) {
      throw new BadInputException("--resume " + resume + ": no " + Search.JOURNAL + " to resume");
    }
    SearchResume resumed = new SearchResume(resume);
    if (!spec.commandLine().getParseResult().hasMatchedOption("--scheduler")) {
      scheduler = resumed.scheduler();
    }
    if (!spec.commandLine().getParseResult().hasMatchedOption("--sampler")) {
      sampler.takeSampler(resumed.sampler());
    }
    return resumed;
  }

  /** --space given, else a resumed search's, else the book's. */
  SearchSpace space(SearchResume resumed, RunSpec base) {
    return SearchSpace.parse(
        space != null ? space : resumed != null ? resumed.space() : BOOK_SPACE, base);
  }

  /** Refuses an --out that is not new or empty, and a resumed search's best/ in the way. */
  void requireUsableDirectories() {
    if (out != null && resume == null) {
      RunDirectory.requireUsable(out);
    }
    if (retrainBest && resume != null) {
      RunDirectory.requireUsable(resume.resolve(SearchRun.BEST));
    }
  }

  /** The search directory: the resumed one, --out, or a new one under runs/. */
  RunDirectory directory() {
    return resume != null
        ? RunDirectory.existing(resume)
        : out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "tune");
  }

  /**
   * The base of every trial: tune's defaults (a resumed search's recorded base), then the training
   * options given. With several workers and no --threads, the cores are shared among the workers.
   */
  RunSpec base(SearchResume resumed, ModelOptions model, OptimizerOptions optimizerOptions) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
    RunSpec.Builder b =
        resumed != null
            ? resumed.base(threads).toBuilder()
            : RunSpec.builder()
                .optimizer(OptimizerKind.SGD)
                .epochs(5)
                .batchSize(100)
                .threads(threads);
    RunSpec defaults = b.build();
    model.applyTo(b, defaults);
    optimizerOptions.applyTo(b);
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    return b.build();
  }

  /** Refuses what tune's own options cannot be; {@code learningRateAuto}: --lr auto was given. */
  void validate(boolean learningRateAuto) {
    Checks.atLeast(spec, "--trials", trials, 1);
    Checks.atLeast(spec, "--workers", workers, 1);
    Checks.atLeast(spec, "--top", top, 1);
    if (!scheduler.equals("random") && !scheduler.equals("asha")) {
      throw Checks.invalid(spec, "--scheduler", "'" + scheduler + "'", "random or asha");
    }
    if (learningRateAuto) {
      throw Checks.invalid(
          spec,
          "--lr",
          "auto",
          "a number: tune searches lr with --space lr=..., lr-find suggests one");
    }
  }

  /** The line that opens a search: what is searched, how, and on what. */
  void printStart(
      PrintWriter stdout, SearchSpace space, SamplerSettings sampler, RunSpec base, int rows) {
    stdout.printf(
        Locale.ROOT,
        "searching %s with %s, %s over %d trials of %d epochs, %s; validation %d rows%n",
        space,
        sampler,
        scheduler,
        trials,
        base.loop().epochs(),
        executor.equals("local")
            ? workers + " worker(s) of " + base.threads() + " thread(s)"
            : "on " + executor + (sparkMaster == null ? "" : " " + sparkMaster),
        rows);
  }

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
