package dev.gakushu.cli;

import dev.gakushu.nn.Network;
import dev.gakushu.observe.LayerStatistics;
import dev.gakushu.observe.LayersLog;
import dev.gakushu.observe.RunStatus;
import dev.gakushu.run.LayerSnapshot;
import dev.gakushu.tensorboard.TensorBoardLog;
import dev.gakushu.train.RunDirectory;
import dev.gakushu.train.TrainListener;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a training run can be watched: per-layer statistics and TensorBoard files. */
final class ObserveOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--layer-stats-every",
      defaultValue = "0",
      paramLabel = "STEPS",
      description =
          "Write per-layer statistics (layers.jsonl) at the first step and every this many steps "
              + "(default: the first step and the last step of each epoch).")
  int layerStatsEvery;

  @Option(
      names = "--tensorboard",
      description =
          "Also write TensorBoard event files as Keras lays them out, in the run directory's "
              + "train/ and validation/ (epoch_loss and epoch_accuracy in both, so the curves "
              + "overlay; lr, activation histograms, update ratios and gradient norms in train/).")
  boolean tensorboard;

  void validate() {
    Checks.atLeast(spec, "--layer-stats-every", layerStatsEvery, 0);
  }

  /**
   * The listeners that record into {@code run} what the options ask for, and the run's status
   * (status.json) always.
   */
  List<TrainListener> listeners(RunDirectory run, Network network) {
    List<TrainListener> listeners = new ArrayList<>();
    listeners.add(new RunStatus(run));
    Consumer<LayerSnapshot> snapshots = new LayersLog(run);
    if (tensorboard) {
      TensorBoardLog events = new TensorBoardLog(run.path());
      listeners.add(events);
      snapshots = snapshots.andThen(events);
    }
    listeners.add(new LayerStatistics(network, layerStatsEvery, snapshots));
    return listeners;
  }
}
