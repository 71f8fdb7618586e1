package dev.gakushu.cli;

import dev.gakushu.optim.OptimizerKind;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.SearchSpace;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
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

  @Mixin ExecutorOptions executor;

  @Option(
      names = "--top",
      defaultValue = "5",
      paramLabel = "K",
      description = "Rows of the best-trials table (default: ${DEFAULT-VALUE}).")
  int top;

  @Mixin SearchDirectoryOptions directories;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  /**
   * The search --resume names (null without it), whose recorded scheduler and sampler stand for
   * --scheduler and --sampler when they are not given.
   */
  SearchResume resumed(SamplerOptions sampler) {
    SearchResume resumed = directories.resumed();
    if (resumed == null) {
      return null;
    }
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

  /**
   * The base of every trial: tune's defaults (a resumed search's recorded base), then the training
   * options given. With several workers and no --threads, the cores are shared among the workers.
   */
  RunSpec base(SearchResume resumed, ModelOptions model, OptimizerOptions optimizerOptions) {
    int threads = executor.threadsPerWorker();
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
    Checks.atLeast(spec, "--workers", executor.workers, 1);
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
        executor.where(base.threads()),
        rows);
  }
}
