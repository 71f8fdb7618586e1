package dev.gakushu.cli;

import dev.gakushu.BadInputException;
import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.data.Split;
import dev.gakushu.io.ModelFile;
import dev.gakushu.observe.RunStatus;
import dev.gakushu.optim.OptimizerSpec;
import dev.gakushu.report.Figure;
import dev.gakushu.train.Evaluation;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.Trainer;
import dev.gakushu.tune.Search;
import dev.gakushu.tune.SearchReport;
import dev.gakushu.tune.SearchSpace;
import dev.gakushu.tune.TrialConfig;
import dev.gakushu.tune.TrialResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Searches hyperparameters, scored on the validation split only.",
      "Random search (the book's) or asynchronous successive halving. Writes journal.jsonl (resumable),",
      "results.json, best.png, scatter.png and the narrowed ranges."
    })
final class TuneCommand implements Callable<Integer> {
  /** The model --retrain-best writes into the search directory. */
  static final String BEST_MODEL_FILE = "best-model.safetensors";

  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin DashboardOptions dashboard;

  @Option(
      names = "--space",
      required = true,
      paramLabel = "NAME=KIND(...)",
      description =
          "A dimension, repeatable: lr=log(1e-6,1e-2), weight-decay=log(1e-8,1e-4), dropout=uniform(0,0.5), "
              + "batch-size=int(32,256), hidden=choice(50,100,200), momentum=uniform(0.5,0.99).")
  List<String> space;

  @Option(
      names = "--trials",
      defaultValue = "20",
      paramLabel = "N",
      description = "Trials in all (default: ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--epochs",
      defaultValue = "5",
      paramLabel = "N",
      description = "Epochs per trial (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "100",
      paramLabel = "N",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--optimizer",
      defaultValue = "sgd",
      paramLabel = "NAME",
      description = "Optimizer (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--lr",
      defaultValue = "0.01",
      paramLabel = "RATE",
      description = "Learning rate unless searched (default: ${DEFAULT-VALUE}).")
  double lr;

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
      names = "--top",
      defaultValue = "5",
      paramLabel = "K",
      description = "Rows of the best-trials table (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--retrain-best",
      description =
          "Train the best configuration on training + validation data, report its test accuracy once and save it as "
              + BEST_MODEL_FILE
              + ".")
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
          "Continue the search in DIR: finished trials are kept; "
              + "--trials may extend it. The other options must be those it was started with.")
  Path resume;

  @Override
  public Integer call() {
    model.validate();
    dashboard.validate();
    Checks.atLeast(spec, "--trials", trials, 1);
    Checks.atLeast(spec, "--epochs", epochs, 1);
    Checks.atLeast(spec, "--batch-size", batchSize, 1);
    Checks.atLeast(spec, "--workers", workers, 1);
    Checks.atLeast(spec, "--top", top, 1);
    Checks.positive(spec, "--lr", lr);
    if (!scheduler.equals("random") && !scheduler.equals("asha")) {
      throw Checks.invalid(spec, "--scheduler", "'" + scheduler + "'", "random or asha");
    }
    if (!OptimizerSpec.IDS.contains(optimizer)) {
      throw Checks.invalid(
          spec,
          "--optimizer",
          "'" + optimizer + "'",
          "one of " + String.join(", ", OptimizerSpec.IDS));
    }
    SearchSpace searchSpace = SearchSpace.parse(space);
    if (resume != null && !Files.isRegularFile(resume.resolve(Search.JOURNAL))) {
      throw new BadInputException("--resume " + resume + ": no " + Search.JOURNAL + " to resume");
    }
    if (out != null && resume == null) {
      RunDirectory.requireUsable(out);
    }
    List<Integer> hidden = model.network.hiddenUnits();
    TrialConfig base =
        new TrialConfig(
            hidden.size(),
            hidden.isEmpty() ? 1 : hidden.get(0),
            model.network.activation(),
            optimizer,
            model.conventions(),
            lr,
            0.9,
            0,
            0,
            batchSize,
            epochs);
    Split split = model.loadData();
    RunDirectory dir =
        resume != null
            ? RunDirectory.existing(resume)
            : out != null
                ? RunDirectory.createAt(out)
                : RunDirectory.createUnder(Path.of("runs"), "tune");
    RunStatus status = new RunStatus(dir);
    status.running();
    DashboardServer dashboardServer = dashboard.start(dir.path(), spec.commandLine().getOut());
    Search.Settings settings =
        new Search.Settings(model.data.data, searchSpace, base, scheduler, model.seed());
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "searching %s with %s over %d trials of %d epochs, %d worker(s); validation %d rows%n",
        searchSpace,
        scheduler,
        trials,
        epochs,
        workers,
        split.validation().size());
    stdout.flush();
    AtomicInteger finished = new AtomicInteger();
    long start = System.nanoTime();
    List<TrialResult> results =
        new Search(settings, split.train(), split.validation(), dir.path())
            .run(
                trials,
                workers,
                Search.LOCAL,
                r -> {
                  stdout.printf(
                      Locale.ROOT,
                      "trial %d (%d done): %s -> validation accuracy %.4f after %d epochs, %s%n",
                      r.trial(),
                      finished.incrementAndGet(),
                      r.params(),
                      r.score(),
                      r.epochs(),
                      r.status());
                  stdout.flush();
                });
    double seconds = (System.nanoTime() - start) / 1e9;
    printTable(stdout, results, searchSpace);
    Map<String, String> narrowed = SearchReport.narrowed(searchSpace, results);
    stdout.println("narrowed ranges from the best trials, for the next search:");
    stdout.println(
        "  " + String.join(" ", narrowed.values().stream().map(v -> "--space " + v).toList()));

    dir.write("best.png", SearchReport.bestCurves(results).png());
    Figure scatter = SearchReport.scatter(searchSpace, results);
    if (scatter != null) {
      dir.write("scatter.png", scatter.png());
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("trials", results.size());
    summary.put("seconds", seconds);
    summary.put("trials_per_minute", results.size() / (seconds / 60));
    summary.put("best", results.isEmpty() ? null : results.get(0));
    summary.put("narrowed", narrowed);
    if (retrainBest && !results.isEmpty()) {
      summary.put("retrained_test_accuracy", retrain(results.get(0), base, split, dir, stdout));
    }
    summary.put("results", results);
    dir.writeJson("results.json", summary);
    status.finished();
    stdout.printf("search directory: %s%n", dir.path());
    if (dashboardServer != null) {
      dashboardServer.close();
    }
    return 0;
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
                  String.format(
                      Locale.ROOT,
                      " %-12.4g",
                      Double.parseDouble(String.valueOf(r.params().get(n))))));
      out.println(row);
    }
  }

  /**
   * Trains the best configuration on training + validation data, tests it once and writes it to
   * {@value #BEST_MODEL_FILE}.
   */
  private double retrain(
      TrialResult best, TrialConfig base, Split split, RunDirectory dir, PrintWriter out) {
    TrialConfig config = base.with(best.params());
    dev.gakushu.data.Dataset all = merge(split.train(), split.validation());
    var network = config.network(all.featureCount(), all.classCount(), best.seed());
    new Trainer(new TrainConfig(config.epochs(), config.batchSize(), true, best.seed()), List.of())
        .fit(network, config.newOptimizer(), all, all.subset("none", new int[0]));
    double accuracy = Evaluation.of(network, split.test()).accuracy();
    Map<String, Object> settings = new LinkedHashMap<>(model.data.settings());
    settings.put("conventions", model.conventions().id());
    settings.put("seed", model.seed());
    settings.put("trial", best.trial());
    settings.put("params", best.params());
    ModelFile.write(
        dir.path().resolve(BEST_MODEL_FILE),
        network,
        model.data.standardizer(),
        all.classNames(),
        settings);
    out.printf(
        Locale.ROOT,
        "best configuration retrained on training + validation data: test accuracy %.4f, model %s%n",
        accuracy,
        dir.path().resolve(BEST_MODEL_FILE));
    return accuracy;
  }

  private static dev.gakushu.data.Dataset merge(
      dev.gakushu.data.Dataset a, dev.gakushu.data.Dataset b) {
    float[] x = new float[(a.size() + b.size()) * a.featureCount()];
    System.arraycopy(a.features().data(), 0, x, 0, a.features().size());
    System.arraycopy(b.features().data(), 0, x, a.features().size(), b.features().size());
    int[] t = new int[a.size() + b.size()];
    System.arraycopy(a.labels(), 0, t, 0, a.size());
    System.arraycopy(b.labels(), 0, t, a.size(), b.size());
    return new dev.gakushu.data.Dataset(
        "train+validation",
        dev.gakushu.tensor.Matrix.wrap(t.length, a.featureCount(), x),
        t,
        a.classNames());
  }
}
