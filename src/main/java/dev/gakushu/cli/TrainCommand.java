package dev.gakushu.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gakushu.BadInputException;
import dev.gakushu.Version;
import dev.gakushu.dashboard.DashboardServer;
import dev.gakushu.data.Split;
import dev.gakushu.experiments.ExperimentResult;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Network;
import dev.gakushu.observe.LayersLog;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.report.Figure;
import dev.gakushu.report.HtmlReport;
import dev.gakushu.report.TrainingCurves;
import dev.gakushu.train.Checkpoint;
import dev.gakushu.train.Evaluation;
import dev.gakushu.train.MetricsLog;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainResult;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    description = {
      "Trains a network and writes its run directory.",
      "config.json, metrics.jsonl, layers.jsonl, summary.json, model.safetensors, checkpoint.safetensors, curves.png, report.html."
    })
final class TrainCommand implements Callable<Integer> {
  static final String MODEL_FILE = "model.safetensors";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin ModelOptions model;

  @Mixin OptimizerOptions optimizerOptions;

  @Mixin ObserveOptions observe;

  @Mixin DashboardOptions dashboard;

  @Option(
      names = "--epochs",
      defaultValue = "30",
      paramLabel = "N",
      description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "32",
      paramLabel = "N",
      description = "Examples per mini-batch (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--no-shuffle",
      description =
          "Visit the training rows in their stored order every epoch instead of a fresh seeded shuffle.")
  boolean noShuffle;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Run directory to create; it must be new or empty (default: runs/<time>-train).")
  Path out;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "0",
      paramLabel = "STEPS",
      description =
          "Also write the checkpoint every this many steps (default: only after each epoch).")
  int checkpointEvery;

  @Option(
      names = "--resume",
      paramLabel = "RUN_DIR",
      description =
          "Continue the run in RUN_DIR from its checkpoint, with the settings it was started with. "
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

  /** The arguments this command was started with, kept in config.json for --resume. */
  private List<String> originalArgs = List.of();

  private boolean resuming;
  private Map<String, Object> settingsForReport = Map.of();

  @Override
  public Integer call() {
    if (resume != null) {
      return resumeRun();
    }
    List<String> all = spec.commandLine().getParseResult().originalArgs();
    originalArgs = all.subList(all.indexOf(spec.name()) + 1, all.size());
    validate();
    return run(null);
  }

  /** Re-reads the run's settings and continues it. */
  private int resumeRun() {
    Path config = resume.resolve("config.json");
    List<String> args;
    try {
      JsonNode node = JSON.readTree(Files.readString(config));
      args = JSON.convertValue(node.get("args"), new TypeReference<List<String>>() {});
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(
          "--resume "
              + resume
              + ": cannot read "
              + config
              + "; expected the run directory of "
              + "a train run");
    }
    if (args == null || !Files.isRegularFile(resume.resolve(Checkpoint.FILE))) {
      throw new BadInputException(
          "--resume " + resume + ": no " + Checkpoint.FILE + " to resume from");
    }
    TrainCommand again = new TrainCommand();
    CommandLine cli = new CommandLine(again);
    cli.setOut(spec.commandLine().getOut());
    cli.setErr(spec.commandLine().getErr());
    cli.parseArgs(args.toArray(String[]::new));
    again.originalArgs = args;
    again.resuming = true;
    again.noProgress |= noProgress;
    again.validateSettings();
    return again.run(RunDirectory.existing(resume));
  }

  /**
   * Loads the data and builds everything first, so that bad input is reported before any run
   * directory exists.
   *
   * @param resumed the run directory being resumed, or null for a new run
   */
  private int run(RunDirectory resumed) {
    PrintWriter stdout = spec.commandLine().getOut();
    Split split = model.loadData();
    Network network = model.buildNetwork(split);
    network.setWeightDecay(optimizerOptions.l2Penalty(model.conventions()));
    Optimizer opt = optimizerOptions.build(model.conventions());
    if (initFrom != null && !resuming) {
      ModelFile.copyWeights(ModelFile.read(initFrom, 1), network, initFrom);
    }
    TrainConfig config =
        new TrainConfig(
            epochs,
            batchSize,
            !noShuffle,
            model.seed(),
            optimizerOptions.schedule(),
            optimizerOptions.clipNorm());
    Map<String, Object> settings = settings(split, network);
    settingsForReport = settings;
    List<String> classes = split.train().classNames();

    RunDirectory run;
    TrainState from = null;
    if (resuming) {
      run = resumed;
      from = Checkpoint.restore(run.path(), network, opt);
      run.keepJsonLines(MetricsLog.FILE, from.completedEpochs());
      LayersLog.keepUpToStep(run, from.step());
      stdout.printf(
          Locale.ROOT, "resuming %s at epoch %d, step %d%n", run.path(), from.epoch(), from.step());
    } else {
      run =
          out != null
              ? RunDirectory.createAt(out)
              : RunDirectory.createUnder(Path.of("runs"), "train");
      Map<String, Object> configJson = new LinkedHashMap<>(settings);
      configJson.put("threads", model.threads());
      configJson.put("args", originalArgs);
      run.writeJson("config.json", configJson);
    }
    stdout.printf(
        Locale.ROOT,
        "training %s on %s: %d train, %d validation, %d test rows, %d threads%n",
        network.describe(),
        model.data.data,
        split.train().size(),
        split.validation().size(),
        split.test().size(),
        model.threads());
    stdout.flush();

    boolean bar = !noProgress && Terminal.interactive();
    List<TrainListener> listeners =
        new ArrayList<>(
            List.of(
                new ConsoleReport(stdout, bar),
                new MetricsLog(run),
                new Checkpoint(
                    run,
                    network,
                    opt,
                    model.data.standardizer(),
                    classes,
                    settings,
                    checkpointEvery)));
    listeners.addAll(observe.listeners(run, network));
    Trainer trainer = new Trainer(config, listeners);
    DashboardServer dashboardServer = dashboard.start(run.path(), stdout);
    TrainResult result = trainer.fit(network, opt, split.train(), split.validation(), from);
    Evaluation test = Evaluation.of(network, split.test());
    ModelFile.write(
        run.path().resolve(MODEL_FILE), network, model.data.standardizer(), classes, settings);
    run.writeJson("summary.json", summaryJson(result, test, run.path()));
    writeReport(run, test);

    stdout.printf(
        Locale.ROOT,
        "test loss %.4f  test accuracy %.4f  (%d rows)  %.1f s, %.0f samples/s%n",
        test.loss(),
        test.accuracy(),
        test.rows(),
        result.seconds(),
        result.samplesPerSecond());
    stdout.printf("run directory: %s%n", run.path());
    if (dashboardServer != null) {
      dashboardServer.close();
    }
    return 0;
  }

  /**
   * curves.png and report.html: the loss and accuracy of every epoch of the run (resumed ones
   * included).
   */
  private void writeReport(RunDirectory run, Evaluation test) {
    List<double[]> rows = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(run.path().resolve(MetricsLog.FILE))) {
        JsonNode n = JSON.readTree(line);
        rows.add(
            new double[] {
              n.get("epoch").asDouble(),
              n.get("train_loss").asDouble(),
              n.path("validation_loss").asDouble(Double.NaN),
              n.get("train_accuracy").asDouble(),
              n.path("validation_accuracy").asDouble(Double.NaN)
            });
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot read " + run.path().resolve(MetricsLog.FILE), e);
    }
    Figure curves = TrainingCurves.of("Training", rows);
    run.write("curves.png", curves.png());
    Map<String, Object> shown = new LinkedHashMap<>(settingsForReport);
    shown.put("test_accuracy", test.accuracy());
    shown.put("test_loss", test.loss());
    ExperimentResult page =
        new ExperimentResult("train", "Training run", curves, null, List.of(), shown, 0);
    run.write(
        "report.html",
        HtmlReport.render(
                "Gakushu training run " + run.path().getFileName(),
                List.of(page),
                List.of("curves.png"),
                "")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void validate() {
    validateSettings();
    if (out != null) {
      RunDirectory.requireUsable(out);
    }
    if (initFrom != null && !Files.isRegularFile(initFrom)) {
      throw Checks.invalid(spec, "--init-from", initFrom, "a model file written by train");
    }
  }

  private void validateSettings() {
    model.validate();
    optimizerOptions.validate(model.conventions());
    observe.validate();
    dashboard.validate();
    Checks.atLeast(spec, "--epochs", epochs, 1);
    Checks.atLeast(spec, "--batch-size", batchSize, 1);
    Checks.atLeast(spec, "--checkpoint-every", checkpointEvery, 0);
  }

  /**
   * Every setting of the run that shapes its result; the same for a run and its resumption,
   * whatever the thread count (no paths, no times, no threads).
   */
  private Map<String, Object> settings(Split split, Network network) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("gakushu_version", Version.get());
    c.put("command", "train");
    c.putAll(model.settings());
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("train", split.train().size());
    rows.put("validation", split.validation().size());
    rows.put("test", split.test().size());
    c.put("rows", rows);
    c.put("network", network.describe());
    c.putAll(optimizerOptions.settings(model.conventions()));
    c.put("epochs", epochs);
    c.put("batch_size", batchSize);
    c.put("shuffle", !noShuffle);
    return c;
  }

  private static Map<String, Object> summaryJson(TrainResult result, Evaluation test, Path run) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("test_loss", MetricsLog.finiteOrNull(test.loss()));
    s.put("test_accuracy", MetricsLog.finiteOrNull(test.accuracy()));
    s.put("test_rows", test.rows());
    s.put("epochs", result.history().isEmpty() ? null : result.last().epoch());
    s.put("steps", result.steps());
    s.put("seconds", result.seconds());
    s.put("samples_per_second", result.samplesPerSecond());
    s.put("model", run.resolve(MODEL_FILE).getFileName().toString());
    if (!result.history().isEmpty()) {
      s.put("final_train_loss", result.last().trainLoss());
      s.put(
          "final_validation_accuracy", MetricsLog.finiteOrNull(result.last().validationAccuracy()));
    }
    return s;
  }
}
