package dev.gakushu.tensorboard;

import dev.gakushu.run.ActivationStats;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.run.LayerSnapshot;
import dev.gakushu.run.ParamStats;
import dev.gakushu.run.RunFile;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainResult;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes a run's figures as TensorBoard event files, laid out as Keras's TensorBoard callback lays
 * them out: a run {@code train/} and a run {@code validation/} in the run directory, with the same
 * tags, so TensorBoard draws the two curves of a tag in one chart. After each epoch {@code
 * epoch_loss} and {@code epoch_accuracy} go to both runs (to {@code validation/} when the epoch was
 * measured on validation data) and {@code epoch_learning_rate} to {@code train/}; with each layer
 * snapshot the histogram {@code activations/LAYER} of every layer and the scalars {@code
 * update_ratio/PARAM} and {@code grad_norm/PARAM} of every parameter go to {@code train/}. Steps
 * are optimizer steps. Each group is flushed at once, so TensorBoard shows a run while it trains.
 */
public final class TensorBoardLog implements TrainListener, Consumer<LayerSnapshot> {
  /** The loss tag, shared by both runs. */
  static final String LOSS = "epoch_loss";

  /** The accuracy tag, shared by both runs. */
  static final String ACCURACY = "epoch_accuracy";

  /** The learning-rate tag, in the train run. */
  static final String LEARNING_RATE = "epoch_learning_rate";

  private final Path directory;
  private EventFileWriter train;
  private EventFileWriter validation;

  /** Writes into {@code directory}'s subfolders {@code train/} and {@code validation/}. */
  public TensorBoardLog(Path directory) {
    this.directory = directory;
  }

  private EventFileWriter train() {
    if (train == null) {
      train = EventFileWriter.createIn(directory.resolve(RunFile.TENSORBOARD_TRAIN));
    }
    return train;
  }

  private EventFileWriter validation() {
    if (validation == null) {
      validation = EventFileWriter.createIn(directory.resolve(RunFile.TENSORBOARD_VALIDATION));
    }
    return validation;
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    train();
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    EventFileWriter t = train();
    t.scalar(LOSS, m.step(), m.trainLoss());
    t.scalar(ACCURACY, m.step(), m.trainAccuracy());
    t.scalar(LEARNING_RATE, m.step(), m.learningRate());
    t.flush();
    if (!Double.isNaN(m.validationAccuracy())) {
      EventFileWriter v = validation();
      v.scalar(LOSS, m.step(), m.validationLoss());
      v.scalar(ACCURACY, m.step(), m.validationAccuracy());
      v.flush();
    }
  }

  @Override
  public void accept(LayerSnapshot s) {
    EventFileWriter w = train();
    for (ActivationStats a : s.activations()) {
      long[] counts = a.histogram();
      double[] limits = new double[counts.length];
      double[] buckets = new double[counts.length];
      double num = 0;
      for (int i = 0; i < counts.length; i++) {
        limits[i] = a.edge(i + 1);
        buckets[i] = counts[i];
        num += counts[i];
      }
      // Σx = n·μ and Σx² = n·(σ² + μ²), σ being the population standard deviation
      w.histogram(
          "activations/" + a.layer(),
          s.step(),
          a.min(),
          a.max(),
          num,
          num * a.mean(),
          num * (a.std() * a.std() + a.mean() * a.mean()),
          limits,
          buckets);
    }
    for (ParamStats p : s.params()) {
      if (!Double.isNaN(p.updateRatio())) {
        w.scalar("update_ratio/" + p.param(), s.step(), p.updateRatio());
      }
      w.scalar("grad_norm/" + p.param(), s.step(), p.gradNorm());
    }
    w.flush();
  }

  @Override
  public void onTrainEnd(TrainResult result) {
    close();
  }

  /** Closes the event files; called at the end of training, and safe to call again. */
  public void close() {
    if (train != null) {
      train.close();
      train = null;
    }
    if (validation != null) {
      validation.close();
      validation = null;
    }
  }
}
