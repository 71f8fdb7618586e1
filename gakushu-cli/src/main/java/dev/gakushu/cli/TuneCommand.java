package dev.gakushu.cli;

import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.data.Dataset;
import dev.gakushu.data.Split;
import dev.gakushu.spec.DataSpec;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchInterruptedException;
import dev.gakushu.tune.SearchRun;
import dev.gakushu.tune.SearchSpace;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "tune",
    footerHeading = "%nExamples:%n",
    footer = {
      "  gakushu tune --space 'lr=log(1e-3,1)' --trials 4 --out runs/search",
      "  gakushu tune --sampler tpe --tpe-startup 2 --trials 8 --out runs/tpe",
      "  gakushu tune --space 'lr=log(1e-3,1)' --space 'hidden=choice(50,100)' \\",
      "      --scheduler asha --workers 2 --trials 6 --epochs 3 --out runs/asha",
    },
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Searches hyperparameters, scored on the validation split only.",
      "Random search (the book's) or TPE, every trial to the end or asynchronous successive halving.",
      "Writes journal.jsonl (resumable), results.json (with each hyperparameter's importance),",
      "best.png, scatter.png, parallel.png, importance.png, the narrowed ranges and report.html.",
      "A trial is the run specification of the training options (as train takes them) with its sampled",
      "values; tune's own defaults are --optimizer sgd, --epochs 5, --batch-size 100 and, with several",
      "workers, the cores shared among them (--threads)."
    })
final class TuneCommand implements Callable<Integer> {
  /** The run directory of the retrained best trial, inside the search directory. */
  static final String BEST = SearchRun.BEST;

  /** Draws the run's figures; a test may give one that fails. */
  private final FigureFiles figures;

  TuneCommand() {
    this(FigureFiles.STANDARD);
  }

  TuneCommand(FigureFiles figures) {
    this.figures = figures;
  }

  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin OptimizerOptions optimizerOptions;

  @Mixin DashboardOptions dashboard;

  @Mixin TuneOptions o;

  @Mixin SamplerOptions sampler;

  /** Searches or resumes; Ctrl-C or SIGTERM stops it with its finished trials in the journal. */
  @Override
  public Integer call() {
    try (Interruption interruption = Interruption.install()) {
      return call(interruption);
    }
  }

  private Integer call(Interruption interruption) {
    dashboard.validate();
    o.validate(optimizerOptions.learningRateAuto());
    Search.Executor trialExecutor = o.executor.trialExecutor();
    SearchResume resumed = o.resumed(sampler);
    SamplerSettings samplerSettings = sampler.samplerSettings();
    RunSpec base = Checks.mapped(spec, () -> o.base(resumed, model, optimizerOptions));
    SearchSpace space = o.space(resumed, base);
    o.directories.requireUsable();
    SearchMemory.requireMemory(spec, o.executor.workers, space, base, 1, 2, 1);
    DataSpec.PreparedData data =
        Checks.mapped(spec, () -> base.data().load(model.data.access(), base.seed()));
    Split split = data.split();
    Dataset train = split.train();
    SearchMemory.requireMemory(
        spec,
        o.executor.workers,
        space,
        base,
        train.featureCount(),
        train.classCount(),
        train.size());
    Search.Settings settings =
        sampler.settings(
            () ->
                new Search.Settings(
                    data.name(), space, base, o.scheduler, base.seed(), samplerSettings));
    o.trials = sampler.trials(settings, o.trials);
    if (resumed != null) {
      resumed.requireSame(spec, settings);
    }
    RunDirectory dir = o.directories.directory();
    try (dir) { // closing the search directory releases its lock
      SearchRun run = new SearchRun(settings, split, model.data.access(), dir);
      DashboardServer dashboardServer = dashboard.start(dir.path(), spec.commandLine().getOut());
      PrintWriter stdout = spec.commandLine().getOut();
      o.printStart(stdout, space, samplerSettings, base, split.validation().size());
      stdout.flush();
      String resumeCommand = "gakushu tune --resume " + dir.path() + " --trials " + o.trials;
      SearchRun.Outcome outcome;
      try (TuneProgress progress =
          new TuneProgress(stdout, o.trials, !o.noProgress && Terminal.interactive())) {
        outcome =
            run.run(
                o.trials,
                o.executor.workers,
                trialExecutor,
                progress,
                interruption::requested,
                o.directories.retrainBest,
                figures,
                Gakushu.warnings(spec.commandLine().getErr()));
      } catch (SearchInterruptedException e) {
        return StoppedRun.interrupted(spec, e.getMessage(), resumeCommand);
      } catch (UncheckedIOException e) {
        throw StoppedRun.failed(e, dir.path(), resumeCommand);
      }
      TuneTable.print(stdout, outcome, space, o.top);
      stdout.printf("search directory: %s%n", dir.path());
      if (dashboardServer != null) {
        dashboardServer.close();
      }
      return 0;
    }
  }
}
