package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.nn.NetworkSummary;
import dev.gakushu.observe.LayersLog;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.Checkpoint;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.TrainingInterruptedException;
import dev.gakushu.train.TrainingRun;
import dev.gakushu.tune.LrFinder;
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

  @Mixin TrainingOptions training;

  @Mixin ObserveOptions observe;

  @Mixin DashboardOptions dashboard;

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
                  () -> TrainingRun.resume(resume, training.model.data.access()))
              .drawingFiguresWith(figures)
              .stoppingWhen(interruption::requested);
      try (RunDirectory dir = run.directory()) { // taken by resume; closing releases its lock
        TrainState at = run.checkpointState();
        stdout.printf(
            Locale.ROOT, "resuming %s at epoch %d, step %d%n", resume, at.epoch(), at.step());
        announce(stdout, run, "training");
        // the dashboard, which may be refused (its port taken), starts before any file changes
        DashboardServer dashboardServer = dashboard.start(dir.path(), stdout);
        try (dashboardServer) {
          return train(stdout, run, dir, every);
        }
      }
    }
    RunSpec runSpec = training.checkedRunSpec(spec);
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    TrainingRun run =
        training
            .prepare(spec, runSpec)
            .drawingFiguresWith(figures)
            .stoppingWhen(interruption::requested);
    boolean findLr = training.learningRateAuto() && !dryRun;
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
    NewRunFolders folders = NewRunFolders.before(out != null ? out : Path.of("runs"));
    RunDirectory dir =
        out != null
            ? RunDirectory.createAt(out)
            : RunDirectory.createUnder(Path.of("runs"), "train");
    DashboardServer dashboardServer;
    try { // the dashboard may be refused (its port taken): then the new folder goes again
      dashboardServer = dashboard.start(dir.path(), stdout);
    } catch (RuntimeException refused) {
      dir.close();
      folders.remove(dir.path(), out == null);
      throw refused;
    }
    try (dir;
        dashboardServer) { // closing the directory releases its lock
      if (findLr) {
        run = withFoundLearningRate(run, dir, stdout);
      }
      return train(stdout, run, dir, every);
    }
  }

  /**
   * --lr auto: runs lr-find on {@code tested}'s network (consumed) into the run directory and
   * returns a fresh run of the same specification with the suggested learning rate.
   */
  private TrainingRun withFoundLearningRate(TrainingRun tested, RunDirectory dir, PrintWriter out) {
    LrFinder.Result found =
        LrFind.run(
            tested,
            LrFinder.Settings.FASTAI,
            dir,
            figures,
            Gakushu.warnings(spec.commandLine().getErr()),
            out);
    if (Double.isNaN(found.suggestion())) {
      throw new BadInputException(
          "--lr auto: lr-find recorded too few steps to suggest a learning rate; give --lr");
    }
    RunSpec chosen = tested.spec().with("lr", found.suggestion());
    return TrainingRun.prepare(chosen, training.model.data.access()).drawingFiguresWith(figures);
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
    TrainingRun.Outcome outcome;
    String resumeCommand = "gakushu train --resume " + dir.path();
    try {
      if (resume != null) {
        LayersLog.keepUpToStep(dir, run.checkpointState().step());
      }
      List<TrainListener> listeners = new ArrayList<>();
      listeners.add(new ConsoleReport(stdout, !noProgress && Terminal.interactive()));
      listeners.addAll(observe.listeners(dir, run.network()));
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
