package dev.gakushu.cli;

import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
    int every = checkpointEvery == null ? 0 : checkpointEvery;
    Checks.atLeast(spec, "--checkpoint-every", every, 0);
    observe.validate();
    dashboard.validate();
    try (Interruption interruption = Interruption.install()) {
      return resume != null ? resume(interruption, every) : start(interruption, every);
    }
  }

  private int resume(Interruption interruption, int every) {
    PrintWriter stdout = spec.commandLine().getOut();
    TrainingRun run =
        TrainResume.open(spec, resume, training.data())
            .drawingFiguresWith(figures)
            .stoppingWhen(interruption::requested);
    try (RunDirectory dir = run.directory()) { // taken by resume; closing releases its lock
      TrainOutput.resuming(stdout, resume, run);
      // the dashboard, which may be refused (its port taken), starts before any file changes
      DashboardServer dashboardServer = dashboard.start(dir.path(), stdout);
      try (dashboardServer) {
        return train(run, dir, every);
      }
    }
  }

  private int start(Interruption interruption, int every) {
    PrintWriter stdout = spec.commandLine().getOut();
    RunSpec runSpec = training.checkedRunSpec(spec);
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    TrainingRun run =
        training
            .prepare(spec, runSpec)
            .drawingFiguresWith(figures)
            .stoppingWhen(interruption::requested);
    TrainOutput.announce(stdout, run, dryRun ? "would train" : "training");
    if (dryRun) {
      TrainOutput.dryRun(stdout, run);
      return 0;
    }
    NewRunFolders.Created created =
        NewRunFolders.create(out, "train", path -> dashboard.start(path, stdout));
    DashboardServer dashboardServer = created.dashboard();
    try (RunDirectory dir = created.dir(); // closing the directory releases its lock
        dashboardServer) {
      if (training.learningRateAuto()) {
        Consumer<String> warnings = Gakushu.warnings(spec.commandLine().getErr());
        run = LrFind.withFoundLearningRate(run, training.data(), dir, figures, warnings, stdout);
      }
      return train(run, dir, every);
    }
  }

  private int train(TrainingRun run, RunDirectory dir, int every) {
    return TrainExecution.train(
        spec, run, dir, resume != null, every, !noProgress && Terminal.interactive(), observe);
  }
}
