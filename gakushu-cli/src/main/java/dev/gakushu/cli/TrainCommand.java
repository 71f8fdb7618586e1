package dev.gakushu.cli;

import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.nn.NetworkSummary;
import dev.gakushu.observe.LayersLog;
import dev.gakushu.spec.EarlyStopping;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import dev.gakushu.train.Checkpoint;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.TrainingInterruptedException;
import dev.gakushu.train.TrainingRun;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu train --epochs 5 --out runs/first",
      "  gakushu train --optimizer sgd --lr 0.1 --epochs 5 --out runs/sgd",
      "  gakushu train --config runs/first/config.json --epochs 10 --out runs/longer",
      "  gakushu train --hidden 50,50 --batch-norm --dropout 0.2 --dry-run",
    },
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Trains a network and writes its run directory.",
      "config.json (the run specification), metrics.jsonl, layers.jsonl, summary.json, "
          + "model.safetensors, checkpoint.safetensors, curves.png, report.html."
    })
final class TrainCommand implements Callable<Integer> {
  /** Options that say where data is and how to show progress, not what the run is. */
  private static final Set<String> ALLOWED_WITH_RESUME =
      Set.of(
          "--resume",
          "--no-progress",
          "--data-dir",
          "--offline",
          "--checkpoint-every",
          "--layer-stats-every",
          "--tensorboard",
          "--dashboard",
          "--dashboard-port");

  /** Draws the run's figures; a test may give one that fails. */
  private final FigureFiles figures;

  TrainCommand() {
    this(FigureFiles.STANDARD);
  }

  TrainCommand(FigureFiles figures) {
    this.figures = figures;
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Start from this run specification (a run directory's config.json, or a file giving "
              + "only some of its fields; the others take their defaults); options given override "
              + "it. The same file gives the same weights.")
  Path config;

  @Mixin ModelOptions model;

  @Mixin OptimizerOptions optimizerOptions;

  @Mixin ObserveOptions observe;

  @Mixin DashboardOptions dashboard;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Passes over the training data (default: 30).")
  Integer epochs;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Examples per mini-batch (default: 32).")
  Integer batchSize;

  @Option(
      names = "--no-shuffle",
      description =
          "Visit the training rows in their stored order every epoch instead of a fresh seeded shuffle.")
  boolean noShuffle;

  @Option(
      names = "--validate-every",
      paramLabel = "N",
      description = "Measure the validation data after every N epochs and the last (default: 1).")
  Integer validateEvery;

  @Option(
      names = "--early-stop",
      paramLabel = "PATIENCE",
      description =
          "Stop when the validation loss has not improved for PATIENCE epochs, and keep the weights "
              + "of the best epoch (default: run every epoch).")
  Integer earlyStop;

  @Option(
      names = "--early-stop-min-delta",
      paramLabel = "D",
      description =
          "The least decrease of the validation loss that counts as an improvement (default: 0).")
  Double earlyStopMinDelta;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory to create; it must be new or empty (default: runs/<time>-train).")
  Path out;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "STEPS",
      description =
          "Also write the checkpoint every this many steps (default: only after each epoch).")
  Integer checkpointEvery;

  @Option(
      names = "--resume",
      paramLabel = "RUN_DIR",
      description =
          "Continue the run in RUN_DIR from its checkpoint, with the specification in its config.json. "
              + "The result is the same as if it had never stopped.")
  Path resume;

  @Option(
      names = "--init-from",
      paramLabel = "MODEL",
      description =
          "Start from the weights of a saved model of the same architecture (fine-tuning).")
  Path initFrom;

  @Option(names = "--no-progress", description = "Do not draw a progress bar.")
  boolean noProgress;

  @Option(
      names = "--dry-run",
      description =
          "Check the options and the data, print the network's layers, output shapes and "
              + "parameter counts (as Keras' model.summary()), and stop: nothing is trained or written.")
  boolean dryRun;

  /**
   * Trains or resumes; Ctrl-C or SIGTERM stops it at the end of the step under way, with a
   * checkpoint to resume from.
   */
  @Override
  public Integer call() {
    try (Interruption interruption = Interruption.install()) {
      return call(interruption);
    }
  }

  private Integer call(Interruption interruption) {
    PrintWriter stdout = spec.commandLine().getOut();
    int every = checkpointEvery == null ? 0 : checkpointEvery;
    Checks.atLeast(spec, "--checkpoint-every", every, 0);
    observe.validate();
    dashboard.validate();
    if (resume != null) {
      refuseOptionsBesideResume();
      if (!Files.isRegularFile(resume.resolve(TrainingRun.CONFIG))
          || !Files.isRegularFile(resume.resolve(Checkpoint.FILE))) {
        throw Checks.invalid(
            spec,
            "--resume",
            resume,
            "the run directory of a train run, with "
                + TrainingRun.CONFIG
                + " and "
                + Checkpoint.FILE);
      }
      TrainingRun run =
          Checks.mapped(
                  spec,
                  resume.resolve(TrainingRun.CONFIG),
                  () -> TrainingRun.resume(resume, model.data.access()))
              .drawingFiguresWith(figures)
              .stoppingWhen(interruption::requested);
      try (RunDirectory dir = run.directory()) { // taken by resume; closing releases its lock
        TrainState at = run.checkpointState();
        stdout.printf(
            Locale.ROOT, "resuming %s at epoch %d, step %d%n", resume, at.epoch(), at.step());
        announce(stdout, run, "training");
        LayersLog.keepUpToStep(dir, at.step());
        return train(stdout, run, dir, every);
      }
    }
    RunSpec runSpec = Checks.mapped(spec, config, this::runSpec);
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    TrainingRun run =
        Checks.mapped(spec, config, () -> TrainingRun.prepare(runSpec, model.data.access()))
            .drawingFiguresWith(figures)
            .stoppingWhen(interruption::requested);
    announce(stdout, run, dryRun ? "would train" : "training");
    if (dryRun) {
      stdout.print(SummaryTable.of(NetworkSummary.of(run.network())));
      stdout.printf(
          Locale.ROOT,
          "optimizer %s, %d epochs of batches of %d%ndry run: nothing trained or written%n",
          run.spec().optimizer().name(),
          run.spec().loop().epochs(),
          run.spec().loop().batchSize());
      return 0;
    }
    try (RunDirectory dir =
        out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "train")) { // closing releases its lock
      return train(stdout, run, dir, every);
    }
  }

  /**
   * @param verb "training", or "would train" for a dry run
   */
  private static void announce(PrintWriter stdout, TrainingRun run, String verb) {
    stdout.printf(
        Locale.ROOT,
        "%s %s on %s: %d train, %d validation, %d test rows, %d threads%n",
        verb,
        run.network().describe(),
        run.data().name(),
        run.data().split().train().size(),
        run.data().split().validation().size(),
        run.data().split().test().size(),
        run.spec().threads());
    stdout.flush();
  }

  /** Trains (or continues) {@code run} in {@code dir}, which this process holds. */
  private int train(PrintWriter stdout, TrainingRun run, RunDirectory dir, int every) {
    List<TrainListener> listeners = new ArrayList<>();
    listeners.add(new ConsoleReport(stdout, !noProgress && Terminal.interactive()));
    listeners.addAll(observe.listeners(dir, run.network()));
    DashboardServer dashboardServer = dashboard.start(dir.path(), stdout);
    TrainingRun.Outcome outcome;
    String resumeCommand = "gakushu train --resume " + dir.path();
    try {
      outcome =
          resume != null ? run.continueRun(listeners, every) : run.startIn(dir, listeners, every);
    } catch (TrainingInterruptedException e) {
      spec.commandLine()
          .getErr()
          .println("gakushu: " + StoppedRun.interrupted(e.getMessage(), resumeCommand));
      return Gakushu.EXIT_INTERRUPTED;
    } catch (UncheckedIOException e) {
      throw StoppedRun.failed(
          e,
          dir.path(),
          Files.isRegularFile(dir.path().resolve(Checkpoint.FILE)) ? resumeCommand : null);
    } finally {
      if (dashboardServer != null) {
        dashboardServer.close();
      }
    }
    outcome.warnings().forEach(Gakushu.warnings(spec.commandLine().getErr()));
    if (outcome.stopReason() != null) {
      stdout.printf(
          Locale.ROOT,
          "stopped after epoch %d: %s%n",
          outcome.result().last().epoch(),
          outcome.stopReason());
    }
    stdout.printf(
        Locale.ROOT,
        "test loss %.4f  test accuracy %.4f  (%d rows)  %.1f s, %.0f samples/s%n",
        outcome.test().loss(),
        outcome.test().accuracy(),
        outcome.test().rows(),
        outcome.result().seconds(),
        outcome.result().samplesPerSecond());
    stdout.printf("run directory: %s%n", outcome.directory());
    return 0;
  }

  /**
   * The specification of --config (or the defaults) with the options given applied: an option given
   * overrides the file's value, and a file may give only some fields (the others take their
   * defaults, as if given by options).
   */
  private RunSpec runSpec() {
    if (config != null && !Files.isRegularFile(config)) {
      throw Checks.invalid(
          spec, "--config", config, "a run specification file, such as a run's config.json");
    }
    RunSpec base = config != null ? RunSpecJson.read(config) : RunSpec.defaults();
    RunSpec.Builder b = base.toBuilder();
    model.applyTo(b, base);
    optimizerOptions.applyTo(b, base);
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (noShuffle) {
      b.shuffle(false);
    }
    if (validateEvery != null) {
      b.validateEvery(validateEvery);
    }
    if (initFrom != null) {
      b.initFrom(initFrom);
    }
    EarlyStopping early = base.loop().earlyStopping();
    if (earlyStop != null || earlyStopMinDelta != null) {
      if (earlyStop == null && early == null) {
        throw Checks.invalid(
            spec, "--early-stop-min-delta", earlyStopMinDelta, "--early-stop as well");
      }
      b.earlyStopping(
          new EarlyStopping(
              earlyStop != null ? earlyStop : early.patience(),
              earlyStopMinDelta != null
                  ? earlyStopMinDelta
                  : early != null ? early.minDelta() : 0));
    }
    RunSpec built = b.build();
    // the smallest data (one feature, two classes, one row per batch) gives a lower bound
    built.requireMemory(1, 2, 1, 1);
    return built;
  }

  /** A resumed run keeps its specification: an option that would change it is refused. */
  private void refuseOptionsBesideResume() {
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      if (!ALLOWED_WITH_RESUME.contains(o.longestName())) {
        throw Checks.invalid(
            spec,
            o.longestName(),
            String.valueOf(o.<Object>getValue()),
            "no "
                + o.longestName()
                + " with --resume: the run continues with the specification in its config.json");
      }
    }
  }
}
