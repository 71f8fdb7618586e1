package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.data.Split;
import dev.gakushu.observe.RunStatus;
import dev.gakushu.run.RunFile;
import dev.gakushu.spec.DataSpec;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.FigureFiles;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainingRun;
import dev.gakushu.tune.ExecutorProvider;
import dev.gakushu.tune.Importance;
import dev.gakushu.tune.SamplerSettings;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchInterruptedException;
import dev.gakushu.tune.SearchOutputs;
import dev.gakushu.tune.SearchReport;
import dev.gakushu.tune.SearchSpace;
import dev.gakushu.tune.TrialResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
  static final String BEST = "best";

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
      names = "--sampler",
      defaultValue = "random",
      paramLabel = "NAME",
      description =
          "How trials are drawn: random (the book's) or tpe (tree-structured Parzen estimators, "
              + "Optuna's default) (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(
      names = "--tpe-startup",
      paramLabel = "N",
      description =
          "With --sampler tpe: random trials before TPE models the results (default: 10).")
  Integer tpeStartup;

  @Option(
      names = "--tpe-gamma",
      paramLabel = "G",
      description =
          "With --sampler tpe: the best min(ceil(G*n), 25) of n trials make up l(x) (default: 0.1).")
  Double tpeGamma;

  @Option(
      names = "--tpe-candidates",
      paramLabel = "N",
      description =
          "With --sampler tpe: points drawn from l(x) to pick the best l(x)/g(x) of (default: 24).")
  Integer tpeCandidates;

  @Option(
      names = "--tpe-lag",
      paramLabel = "K",
      description =
          "With --sampler tpe: trial n learns from trials 0..n-K-1, the K before it count as "
              + "running, so up to K+1 trials run at once with the same results on any number of "
              + "workers (default: 3).")
  Integer tpeLag;

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

  /** Searches or resumes; Ctrl-C or SIGTERM stops it with its finished trials in the journal. */
  @Override
  public Integer call() {
    try (Interruption interruption = Interruption.install()) {
      return call(interruption);
    }
  }

  private Integer call(Interruption interruption) {
    dashboard.validate();
    Checks.atLeast(spec, "--trials", trials, 1);
    Checks.atLeast(spec, "--workers", workers, 1);
    Checks.atLeast(spec, "--top", top, 1);
    if (!scheduler.equals("random") && !scheduler.equals("asha")) {
      throw Checks.invalid(spec, "--scheduler", "'" + scheduler + "'", "random or asha");
    }
    if (optimizerOptions.learningRateAuto()) {
      throw Checks.invalid(
          spec,
          "--lr",
          "auto",
          "a number: tune searches lr with --space lr=..., lr-find suggests one");
    }
    Search.Executor trialExecutor = trialExecutor();
    if (resume != null && !Files.isRegularFile(resume.resolve(Search.JOURNAL))) {
      throw new BadInputException("--resume " + resume + ": no " + Search.JOURNAL + " to resume");
    }
    SearchResume resumed = resume == null ? null : new SearchResume(resume);
    if (resumed != null && !spec.commandLine().getParseResult().hasMatchedOption("--scheduler")) {
      scheduler = resumed.scheduler();
    }
    if (resumed != null && !spec.commandLine().getParseResult().hasMatchedOption("--sampler")) {
      takeSampler(resumed.sampler());
    }
    SamplerSettings samplerSettings = samplerSettings();
    RunSpec base = Checks.mapped(spec, () -> baseSpec(resumed));
    SearchSpace searchSpace =
        SearchSpace.parse(
            space != null ? space : resumed != null ? resumed.space() : BOOK_SPACE, base);
    if (out != null && resume == null) {
      RunDirectory.requireUsable(out);
    }
    if (retrainBest && resume != null) {
      RunDirectory.requireUsable(resume.resolve(BEST));
    }
    requireMemory(searchSpace, base, 1, 2, 1);
    DataSpec.PreparedData data =
        Checks.mapped(spec, () -> base.data().load(model.data.access(), base.seed()));
    Split split = data.split();
    requireMemory(
        searchSpace,
        base,
        split.train().featureCount(),
        split.train().classCount(),
        split.train().size());
    Search.Settings settings =
        new Search.Settings(
            data.name(), searchSpace, base, scheduler, base.seed(), samplerSettings);
    if (resumed != null) {
      resumed.requireSame(spec, settings);
    }
    RunDirectory dir =
        resume != null
            ? RunDirectory.existing(resume)
            : out != null
                ? RunDirectory.createAt(out)
                : RunDirectory.createUnder(Path.of("runs"), "tune");
    try (dir) { // closing the search directory releases its lock
      Search search = new Search(settings, split.train(), split.validation(), dir.path());
      search.requireUsableJournal();
      RunStatus status = new RunStatus(dir);
      status.running();
      DashboardServer dashboardServer = dashboard.start(dir.path(), spec.commandLine().getOut());
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(
          Locale.ROOT,
          "searching %s with %s, %s over %d trials of %d epochs, %s; validation %d rows%n",
          searchSpace,
          samplerSettings,
          scheduler,
          trials,
          base.loop().epochs(),
          executor.equals("local")
              ? workers + " worker(s) of " + base.threads() + " thread(s)"
              : "on " + executor + (sparkMaster == null ? "" : " " + sparkMaster),
          split.validation().size());
      stdout.flush();
      long start = System.nanoTime();
      List<TrialResult> results;
      String resumeCommand = "gakushu tune --resume " + dir.path() + " --trials " + trials;
      try (TuneProgress progress =
          new TuneProgress(stdout, trials, !noProgress && Terminal.interactive())) {
        results = search.run(trials, workers, trialExecutor, progress, interruption::requested);
      } catch (SearchInterruptedException e) {
        status.interrupted(e.getMessage());
        spec.commandLine()
            .getErr()
            .println("gakushu: " + StoppedRun.interrupted(e.getMessage(), resumeCommand));
        return Gakushu.EXIT_INTERRUPTED;
      } catch (UncheckedIOException e) {
        throw StoppedRun.failed(e, dir.path(), resumeCommand);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      printTable(stdout, results, searchSpace);
      Map<String, String> narrowed = SearchReport.narrowed(searchSpace, results);
      stdout.println("narrowed ranges from the best trials, for the next search:");
      stdout.println(
          "  " + String.join(" ", narrowed.values().stream().map(v -> "--space " + v).toList()));

      Map<String, Double> importance = Importance.of(searchSpace, results, base.seed());
      printImportance(stdout, importance);

      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("trials", results.size());
      summary.put("seconds", seconds);
      summary.put("trials_per_minute", results.size() / (seconds / 60));
      summary.put("best", results.isEmpty() ? null : results.get(0));
      summary.put("narrowed", narrowed);
      summary.put("importance", importance.isEmpty() ? null : importance);
      double retrained = Double.NaN;
      if (retrainBest && !results.isEmpty()) {
        retrained = retrain(results.get(0), base, dir, stdout).test().accuracy();
        summary.put("retrained_test_accuracy", retrained);
        summary.put("retrained_run", BEST);
      }
      summary.put("results", results);
      dir.writeJson(RunFile.RESULTS, summary);
      SearchOutputs.write(
          dir,
          settings,
          results,
          importance,
          seconds,
          retrained,
          figures,
          Gakushu.warnings(spec.commandLine().getErr()));
      status.finished();
      stdout.printf("search directory: %s%n", dir.path());
      if (dashboardServer != null) {
        dashboardServer.close();
      }
      return 0;
    }
  }

  /** A resumed search's sampler, for the --sampler and --tpe-* options not given. */
  private void takeSampler(SamplerSettings recorded) {
    sampler = recorded.name();
    if (!recorded.isRandom()) {
      tpeStartup = tpeStartup != null ? tpeStartup : recorded.startup();
      tpeCandidates = tpeCandidates != null ? tpeCandidates : recorded.candidates();
      tpeGamma = tpeGamma != null ? tpeGamma : recorded.gamma();
      tpeLag = tpeLag != null ? tpeLag : recorded.lag();
    }
  }

  /** The sampler --sampler names, with the --tpe-* settings given or Optuna's defaults. */
  private SamplerSettings samplerSettings() {
    SamplerSettings d = SamplerSettings.TPE_DEFAULT;
    if (sampler.equals("tpe")) {
      Checks.atLeast(spec, "--tpe-startup", tpeStartup == null ? 0 : tpeStartup, 0);
      Checks.atLeast(spec, "--tpe-candidates", tpeCandidates == null ? 1 : tpeCandidates, 1);
      Checks.atLeast(spec, "--tpe-lag", tpeLag == null ? 0 : tpeLag, 0);
      if (tpeGamma != null && !(tpeGamma > 0 && tpeGamma <= 1)) {
        throw Checks.invalid(spec, "--tpe-gamma", tpeGamma, "a fraction in (0, 1]");
      }
      return new SamplerSettings(
          "tpe",
          tpeStartup == null ? d.startup() : tpeStartup,
          tpeCandidates == null ? d.candidates() : tpeCandidates,
          tpeGamma == null ? d.gamma() : tpeGamma,
          tpeLag == null ? d.lag() : tpeLag);
    }
    if (!sampler.equals("random")) {
      throw Checks.invalid(spec, "--sampler", "'" + sampler + "'", "random or tpe");
    }
    for (Object given : new Object[] {tpeStartup, tpeGamma, tpeCandidates, tpeLag}) {
      if (given != null) {
        throw Checks.invalid(
            spec, "--sampler", "random with --tpe-* settings", "--sampler tpe to set them");
      }
    }
    return SamplerSettings.RANDOM;
  }

  /** The executor --executor names: local threads, or one a module on the class path provides. */
  private Search.Executor trialExecutor() {
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

  /**
   * The base of every trial: tune's defaults (a resumed search's recorded base), then the training
   * options given. With several workers and no --threads, the cores are shared among the workers.
   */
  private RunSpec baseSpec(SearchResume resumed) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, workers));
    RunSpec.Builder b =
        resumed != null
            ? resumed.base(threads).toBuilder()
            : RunSpec.builder().optimizer("sgd").epochs(5).batchSize(100).threads(threads);
    RunSpec defaults = b.build();
    model.applyTo(b, defaults);
    optimizerOptions.applyTo(b, defaults);
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    return b.build();
  }

  /**
   * Refuses a search whose largest network (the widest hidden layers and the largest batch the
   * space allows, one per worker) cannot fit in memory, before the first trial.
   *
   * @param rows the training rows, which bound a batch (1 before the data is read: a lower bound)
   */
  private void requireMemory(
      SearchSpace searchSpace, RunSpec base, long inputs, long classes, long rows) {
    RunSpec largest = base;
    List<String> searched = new ArrayList<>();
    for (String name : List.of("hidden", "batch-size")) {
      SearchSpace.Dimension d = searchSpace.dimension(name);
      if (d != null) {
        largest = largest.with(name, d.largest());
        searched.add("--space " + d);
      }
    }
    RunSpec checked = largest;
    Runnable check =
        () ->
            checked.requireMemory(
                inputs, classes, Math.min(rows, checked.loop().batchSize()), workers);
    if (searched.isEmpty()) {
      Checks.mapped(
          spec,
          () -> {
            check.run();
            return checked;
          });
      return;
    }
    try {
      check.run();
    } catch (InvalidSpecException e) { // the largest network of the space, not of --hidden
      throw new BadInputException(String.join(" ", searched) + ": expected " + e.expected(), e);
    }
  }

  /** The importance line, or why there is none. */
  private static void printImportance(PrintWriter out, Map<String, Double> importance) {
    if (importance.isEmpty()) {
      out.println("importance: needs at least 2 trials that ran to the end with different scores");
      return;
    }
    StringBuilder line =
        new StringBuilder("importance (fANOVA, share of the validation accuracy's variance):");
    importance.forEach(
        (name, share) -> line.append(String.format(Locale.ROOT, " %s %.1f %%", name, 100 * share)));
    out.println(line);
  }

  private void printTable(PrintWriter out, List<TrialResult> results, SearchSpace searchSpace) {
    out.printf(
        "best %d of %d trials (validation accuracy):%n",
        Math.min(top, results.size()), results.size());
    List<String> names =
        new ArrayList<>(
            searchSpace.dimensions().stream().map(SearchSpace.Dimension::name).toList());
    StringBuilder head =
        new StringBuilder(
            String.format(Locale.ROOT, "%-8s %-6s %-9s %-6s", "rank", "trial", "score", "epochs"));
    names.forEach(n -> head.append(String.format(Locale.ROOT, " %-12s", n)));
    out.println(head);
    for (int i = 0; i < Math.min(top, results.size()); i++) {
      TrialResult r = results.get(i);
      StringBuilder row =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "Best-%-3d %-6d %-9.4f %-6d",
                  i + 1,
                  r.trial(),
                  r.score(),
                  r.epochs()));
      names.forEach(
          n ->
              row.append(
                  String.format(Locale.ROOT, " %-12s", TuneProgress.value(r.params().get(n)))));
      out.println(row);
    }
  }

  /**
   * Trains the best trial's specification on training + validation data (the search's split, so the
   * test rows are the same) into the run directory {@code best/} of the search directory.
   */
  private TrainingRun.Outcome retrain(
      TrialResult best, RunSpec base, RunDirectory dir, PrintWriter out) {
    RunSpec spec =
        Search.trialSpec(base, best.params()).withData(base.data().withValidationSplit(0.0));
    TrainingRun run = TrainingRun.prepare(spec, model.data.access()).drawingFiguresWith(figures);
    TrainingRun.Outcome outcome;
    try (RunDirectory retrained = RunDirectory.createAt(dir.path().resolve(BEST))) {
      outcome = run.startIn(retrained, List.of());
    }
    outcome.warnings().forEach(Gakushu.warnings(this.spec.commandLine().getErr()));
    out.printf(
        Locale.ROOT,
        "best configuration retrained on training + validation data: test accuracy %.4f, "
            + "run directory %s%n",
        outcome.test().accuracy(),
        outcome.directory());
    return outcome;
  }
}
