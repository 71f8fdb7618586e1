package dev.gakushu.tensorboard;

import dev.gakushu.observe.ActivationStats;
import dev.gakushu.observe.LayerSnapshot;
import dev.gakushu.observe.ParamStats;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainResult;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes a run's figures into a TensorBoard event file as they come: after each epoch the scalars
 * loss/train, loss/validation, accuracy/train, accuracy/validation and lr; with each layer snapshot
 * the histogram activations/LAYER of every layer and the scalars update_ratio/PARAM and
 * grad_norm/PARAM of every parameter. Steps are optimizer steps. Each group is flushed at once, so
 * TensorBoard shows a run while it trains.
 */
public final class TensorBoardLog implements TrainListener, Consumer<LayerSnapshot> {
  private final Path directory;
  private EventFileWriter writer;

  public TensorBoardLog(Path directory) {
    this.directory = directory;
  }

  private EventFileWriter writer() {
    if (writer == null) {
      writer = EventFileWriter.createIn(directory);
    }
    return writer;
  }

  @Override
  public void onTrainStart(int epochs, int batchesPerEpoch) {
    writer();
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    EventFileWriter w = writer();
    w.scalar("loss/train", m.step(), m.trainLoss());
    w.scalar("accuracy/train", m.step(), m.trainAccuracy());
    if (!Double.isNaN(m.validationAccuracy())) {
      w.scalar("loss/validation", m.step(), m.validationLoss());
      w.scalar("accuracy/validation", m.step(), m.validationAccuracy());
    }
    w.scalar("lr", m.step(), m.learningRate());
    w.flush();
  }

  @Override
  public void accept(LayerSnapshot s) {
    EventFileWriter w = writer();
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

  /** Closes the event file; called at the end of training, and safe to call again. */
  public void close() {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
