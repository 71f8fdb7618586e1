package dev.gakushu.train;

import dev.gakushu.BadInputException;
import dev.gakushu.Version;
import dev.gakushu.data.DataAccess;
import dev.gakushu.data.Dataset;
import dev.gakushu.io.ModelFile;
import dev.gakushu.nn.Network;
import dev.gakushu.nn.NetworkSpec;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.report.Numbers;
import dev.gakushu.report.TrainingCurves;
import dev.gakushu.report.TrainingReport;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.run.RunFile;
import dev.gakushu.run.Summary;
import dev.gakushu.run.SummaryFile;
import dev.gakushu.spec.DataSpec;
import dev.gakushu.spec.EarlyStopping;
import dev.gakushu.spec.InvalidSpecException;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.spec.RunSpecJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One training run from its {@link RunSpec}, into a run directory: {@code config.json} (the
 * specification), {@code metrics.jsonl}, {@code checkpoint.safetensors}, {@code model.safetensors},
 * {@code summary.json}, {@code curves.png} and {@code report.html}. The run directory is held (its
 * lock taken) from its creation, or from {@link #resume}, until it is closed.
 *
 * <pre>{@code
 * TrainingRun run = TrainingRun.prepare(spec, DataAccess.standard());
 * try (RunDirectory dir = RunDirectory.createAt(out)) {
 *   TrainingRun.Outcome outcome = run.startIn(dir, List.of());
 * }
 * // later, after a stop:
 * TrainingRun resumed = TrainingRun.resume(out, DataAccess.standard());
 * try (RunDirectory dir = resumed.directory()) {
 *   resumed.continueRun(List.of());
 * }
 * }</pre>
 *
 * Everything that can fail on bad input (the data, the specification, a model to start from) fails
 * in {@link #prepare} or {@link #resume}, before any file is written.
 */
public final class TrainingRun {
  public static final String CONFIG = RunFile.CONFIG;
  public static final String MODEL = RunFile.MODEL;
  public static final String SUMMARY = RunFile.SUMMARY;
  public static final String CURVES = RunFile.CURVES;

  private final RunSpec spec;
  private final DataSpec.PreparedData data;
  private final Network network;
  private final Optimizer optimizer;
  private final RunDirectory resumed;
  private final EarlyStop stopper;
  private TrainState from;
  private List<EpochMetrics> logged = List.of();
  private FigureFiles figures = FigureFiles.STANDARD;
  private BooleanSupplier stopRequested = () -> false;

  private TrainingRun(
      RunSpec spec,
      DataSpec.PreparedData data,
      Network network,
      Optimizer optimizer,
      RunDirectory resumed) {
    this.spec = spec;
    this.data = data;
    this.network = network;
    this.optimizer = optimizer;
    this.resumed = resumed;
    EarlyStopping early = spec.loop().earlyStopping();
    this.stopper =
        early == null ? null : new EarlyStop(network, early.patience(), early.minDelta());
  }

  /**
   * Loads the data and builds the network (starting from {@link RunSpec#initFrom()}'s weights when
   * set) and the optimizer.
   *
   * @throws dev.gakushu.BadInputException if the data or the model to start from is unusable
   */
  public static TrainingRun prepare(RunSpec spec, DataAccess access) {
    TrainingRun run = build(spec, access, null);
    if (spec.initFrom() != null) {
      Path from = Path.of(spec.initFrom());
      if (!Files.isRegularFile(from)) {
        throw new InvalidSpecException("init_from", from, "a model file written by training");
      }
      ModelFile.copyWeights(ModelFile.read(from, 1), run.network, from);
    }
    return run;
  }

  /**
   * Prepares to continue the run in {@code directory} from its checkpoint, with the specification
   * in its {@code config.json}: the network, optimizer and early stopping are restored and the
   * logged epochs read here, so a run that cannot continue is refused before any file changes. The
   * directory is held from here: close {@link #directory()} when done.
   *
   * @throws dev.gakushu.BadInputException if the directory holds no run to continue
   */
  public static TrainingRun resume(Path directory, DataAccess access) {
    Path config = directory.resolve(CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new BadInputException(
          directory + ": no " + CONFIG + "; expected the run directory of a training run");
    }
    if (!Files.isRegularFile(directory.resolve(Checkpoint.FILE))) {
      throw new BadInputException(directory + ": no " + Checkpoint.FILE + " to resume from");
    }
    RunSpec spec = RunSpecJson.read(config);
    RunDirectory held = RunDirectory.existing(directory); // takes the run's lock
    try {
      TrainingRun run = build(spec, access, held);
      requireSameSpec(directory, spec, run.network);
      run.from = Checkpoint.restore(directory, run.network, run.optimizer, run.stopper);
      run.logged = MetricsLog.readFirst(held, run.from.completedEpochs());
      return run;
    } catch (RuntimeException e) {
      held.close();
      throw e;
    }
  }

  /**
   * A run continues with the specification its checkpoint was written with: an edited {@code
   * config.json} (other than its thread count, which changes no result) is refused.
   */
  private static void requireSameSpec(Path directory, RunSpec spec, Network network) {
    Path checkpoint = directory.resolve(Checkpoint.FILE);
    RunSpec saved = Checkpoint.spec(directory, network);
    if (!saved.toBuilder().threads(spec.threads()).build().equals(spec)) {
      throw new BadInputException(
          directory.resolve(CONFIG)
              + ": differs from the specification "
              + checkpoint
              + " was written with; a resumed run keeps its specification (restore the file, or"
              + " train a new run)");
    }
  }

  private static TrainingRun build(RunSpec spec, DataAccess access, RunDirectory resumed) {
    DataSpec.PreparedData data = spec.data().load(access, spec.seed());
    EarlyStopping early = spec.loop().earlyStopping();
    if (early != null && data.split().validation().size() == 0) {
      throw new InvalidSpecException(
          "loop.early_stopping.patience",
          early.patience(),
          "validation data to monitor (data.validation_split > 0)");
    }
    Dataset train = data.split().train();
    spec.requireMemory(
        train.featureCount(),
        train.classCount(),
        Math.min(spec.loop().batchSize(), Math.max(1, train.size())),
        1);
    Network network = spec.buildNetwork(train.featureCount(), train.classCount());
    return new TrainingRun(spec, data, network, spec.buildOptimizer(), resumed);
  }

  public RunSpec spec() {
    return spec;
  }

  /** The data, split and standardised. */
  public DataSpec.PreparedData data() {
    return data;
  }

  /** The network being trained (trained in place). */
  public Network network() {
    return network;
  }

  /**
   * Draws this run's figures with {@code figures} (by default {@link FigureFiles#STANDARD}).
   *
   * @return this run
   */
  public TrainingRun drawingFiguresWith(FigureFiles figures) {
    this.figures = figures;
    return this;
  }

  /**
   * Stops training after the step during which {@code stopRequested} first answers true, with the
   * checkpoint written there, by throwing {@link TrainingInterruptedException}; {@link #resume}
   * continues it to the bits of a run that never stopped.
   *
   * @return this run
   */
  public TrainingRun stoppingWhen(BooleanSupplier stopRequested) {
    this.stopRequested = stopRequested;
    return this;
  }

  /**
   * What a run produced.
   *
   * @param test the final model's loss and accuracy on the test part
   * @param stopReason why training stopped before its last epoch, or null
   * @param bestEpoch the epoch whose weights the model holds under early stopping, else 0
   * @param warnings what the run could not write and why (a figure that could not be drawn); the
   *     run wrote everything else
   */
  public record Outcome(
      Path directory,
      TrainResult result,
      Evaluation test,
      String stopReason,
      int bestEpoch,
      List<String> warnings) {
    public Outcome {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Trains a new run into {@code directory} (new or empty).
   *
   * @param listeners hear the training besides the run's own files (e.g. a progress display)
   */
  public Outcome startIn(RunDirectory directory, List<TrainListener> listeners) {
    return startIn(directory, listeners, 0);
  }

  /**
   * As {@link #startIn(RunDirectory, List)}, writing the checkpoint also every {@code
   * checkpointEvery} steps (0: after each epoch only).
   */
  public Outcome startIn(
      RunDirectory directory, List<TrainListener> listeners, int checkpointEvery) {
    if (resumed != null) {
      throw new IllegalStateException("a resumed run continues in " + resumed.path());
    }
    directory.write(CONFIG, RunSpecJson.write(spec).getBytes(StandardCharsets.UTF_8));
    return train(directory, null, List.of(), listeners, checkpointEvery);
  }

  /**
   * Continues a run prepared by {@link #resume} from its checkpoint: the lines of {@code
   * metrics.jsonl} and {@code layers.jsonl} after the checkpoint (written by the process that was
   * stopped) are dropped here, after every check that can refuse the run, and written again.
   */
  public Outcome continueRun(List<TrainListener> listeners) {
    return continueRun(listeners, 0);
  }

  /** As {@link #continueRun(List)}, writing the checkpoint also every this many steps. */
  public Outcome continueRun(List<TrainListener> listeners, int checkpointEvery) {
    if (resumed == null) {
      throw new IllegalStateException("only a run prepared by resume can continue");
    }
    resumed.keepJsonLines(MetricsLog.FILE, from.completedEpochs());
    resumed.keepLayersUpToStep(from.step());
    return train(resumed, from, logged, listeners, checkpointEvery);
  }

  /** The directory of a run prepared by {@link #resume}. */
  public RunDirectory directory() {
    if (resumed == null) {
      throw new IllegalStateException("a new run's directory is the one given to startIn");
    }
    return resumed;
  }

  /** Where a resumed run stands: its checkpoint's epoch and step, for messages. */
  public TrainState checkpointState() {
    if (resumed == null) {
      throw new IllegalStateException("only a run prepared by resume has a checkpoint state");
    }
    return from;
  }

  /**
   * @param logged the epochs a resumed run has already logged, which make its result when no epoch
   *     is left to run
   */
  private Outcome train(
      RunDirectory dir,
      TrainState from,
      List<EpochMetrics> logged,
      List<TrainListener> extra,
      int checkpointEvery) {
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpoint interval " + checkpointEvery + " < 0");
    }
    ModelFile.Model model =
        new ModelFile.Model(
            network,
            data.standardizer(),
            data.split().train().classNames(),
            data.inputScale(),
            spec);
    List<TrainListener> listeners = new ArrayList<>(extra);
    listeners.add(new MetricsLog(dir));
    listeners.add(new Checkpoint(dir, model, optimizer, checkpointEvery, stopper));
    if (stopper != null) {
      listeners.add(stopper);
    }
    TrainResult result =
        new Trainer(TrainConfig.of(spec), listeners, stopRequested)
            .fit(network, optimizer, data.split().train(), data.split().validation(), from)
            .orLogged(logged, data.split().train().size());
    Evaluation test = Evaluation.of(network, data.split().test());
    ModelFile.write(dir.path().resolve(MODEL), model);
    String stopReason = result.history().isEmpty() ? null : result.last().stopReason();
    int bestEpoch = stopper == null ? 0 : stopper.bestEpoch();
    dir.writeJson(SUMMARY, SummaryFile.toJson(summary(result, test, stopReason, bestEpoch)));
    List<String> warnings = new ArrayList<>();
    writeReport(dir, result, test, stopReason, warnings::add);
    return new Outcome(dir.path(), result, test, stopReason, bestEpoch, warnings);
  }

  private Summary summary(TrainResult result, Evaluation test, String stopReason, int bestEpoch) {
    NetworkSpec layers = network.spec();
    List<Integer> widths = new ArrayList<>(List.of(layers.inputs()));
    for (NetworkSpec.LayerSpec l : layers.layers()) {
      if ("dense".equals(l.type())) {
        widths.add(l.units());
      }
    }
    boolean epochs = !result.history().isEmpty();
    return new Summary(
        Version.get(),
        data.name(),
        data.split().train().classNames(),
        new Summary.Rows(
            data.split().train().size(),
            data.split().validation().size(),
            data.split().test().size()),
        network.describe(),
        widths,
        !network.batchNorms().isEmpty(),
        !network.dropouts().isEmpty(),
        optimizer.toString(),
        test.loss(),
        test.accuracy(),
        test.rows(),
        epochs ? result.last().epoch() : null,
        result.steps(),
        result.seconds(),
        result.samplesPerSecond(),
        MODEL,
        epochs ? result.last().trainLoss() : Double.NaN,
        epochs ? result.last().validationAccuracy() : Double.NaN,
        spec.loop().earlyStopping() != null,
        stopReason,
        bestEpoch);
  }

  /**
   * curves.png and report.html: the loss and accuracy of every epoch of the run (resumed ones
   * included), led by the test accuracy and the training time of all those epochs.
   */
  private void writeReport(
      RunDirectory dir,
      TrainResult result,
      Evaluation test,
      String stopReason,
      Consumer<String> warnings) {
    List<double[]> rows = new ArrayList<>();
    double seconds = 0;
    for (EpochMetrics m : MetricsLog.read(dir)) {
      rows.add(
          new double[] {
            m.epoch(), m.trainLoss(), m.validationLoss(), m.trainAccuracy(), m.validationAccuracy()
          });
      seconds += Double.isNaN(m.seconds()) ? 0 : m.seconds();
    }
    boolean drawn = figures.write(dir, CURVES, () -> TrainingCurves.of("Training", rows), warnings);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("data", data.name());
    settings.put(
        "rows (train / validation / test)",
        Numbers.count(data.split().train().size())
            + " / "
            + Numbers.count(data.split().validation().size())
            + " / "
            + Numbers.count(data.split().test().size()));
    settings.put("network", network.describe());
    settings.put("optimizer", optimizer.toString());
    settings.put("batch size", spec.loop().batchSize());
    settings.put("seed", spec.seed());
    settings.put("threads", spec.threads());
    if (stopReason != null) {
      settings.put("stopped", stopReason);
    }
    TrainingReport.Result lead =
        new TrainingReport.Result(
            test.accuracy(),
            test.loss(),
            test.rows(),
            rows.size(),
            seconds,
            result.samplesPerSecond());
    dir.write(
        RunFile.REPORT,
        TrainingReport.render(
                "Gakushu training run " + dir.path().getFileName(),
                lead,
                drawn ? CURVES : null,
                settings,
                RunSpecJson.toMap(spec))
            .getBytes(StandardCharsets.UTF_8));
  }
}
