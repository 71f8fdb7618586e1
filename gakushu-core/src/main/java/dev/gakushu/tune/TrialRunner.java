package dev.gakushu.tune;

import dev.gakushu.data.Dataset;
import dev.gakushu.nn.Network;
import dev.gakushu.optim.Optimizer;
import dev.gakushu.run.EpochMetrics;
import dev.gakushu.spec.EarlyStopping;
import dev.gakushu.spec.RunSpec;
import dev.gakushu.train.EarlyStop;
import dev.gakushu.train.Snapshot;
import dev.gakushu.train.TrainConfig;
import dev.gakushu.train.TrainListener;
import dev.gakushu.train.TrainState;
import dev.gakushu.train.Trainer;
import dev.gakushu.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs one {@link TrialTask} on the training split and scores it on the validation split: what
 * every executor calls, on whatever machine. It depends on nothing but its arguments, so the same
 * task gives the same outcome anywhere, with any number of threads. An interrupted thread ends its
 * trial after the batch under way.
 */
public final class TrialRunner {
  private static final String PAUSE = "paused at a rung of successive halving";

  private TrialRunner() {}

  /**
   * @param threads the threads the trial trains with (they change its speed, not its results)
   */
  public static TrialOutcome run(TrialTask task, Dataset train, Dataset validation, int threads) {
    RunSpec spec = task.spec().toBuilder().threads(threads).build();
    Network network = spec.buildNetwork(train.featureCount(), train.classCount());
    Optimizer optimizer = spec.buildOptimizer();
    EarlyStopping early = spec.loop().earlyStopping();
    EarlyStop earlyStop =
        early == null ? null : new EarlyStop(network, early.patience(), early.minDelta());
    TrainState from =
        task.snapshot().length == 0
            ? null
            : Snapshot.restore(
                "the snapshot of trial " + task.trial(),
                task.snapshot(),
                network,
                optimizer,
                earlyStop);
    List<Double> validationAccuracy = new ArrayList<>();
    List<Double> trainAccuracy = new ArrayList<>();
    boolean[] paused = new boolean[1];
    byte[][] snapshot = {new byte[0]};
    int epochs = spec.loop().epochs();
    TrainListener recorder =
        new TrainListener() {
          @Override
          public String stopAfter(EpochMetrics m) {
            return m.epoch() == task.until() ? PAUSE : null;
          }

          @Override
          public void onBatchEnd(int epoch, long step, double loss) {
            if (Thread.currentThread().isInterrupted()) {
              // the executor stops the trial (a search closed, a Spark job cancelled)
              throw new CancellationException("trial " + task.trial() + " cancelled");
            }
          }

          @Override
          public void onEpochEnd(EpochMetrics m) {
            validationAccuracy.add(m.validationAccuracy());
            trainAccuracy.add(m.trainAccuracy());
            paused[0] = PAUSE.equals(m.stopReason());
          }

          @Override
          public void onState(TrainState state) {
            if (paused[0] && state.nextBatch() == 0) {
              // the pause is no stop of the trial: it goes on from here
              snapshot[0] = Snapshot.capture(network, optimizer, state.goingOn(), earlyStop);
            }
          }
        };
    // early stopping first: when it ends the trial at a rung, the trial is over, not paused
    List<TrainListener> listeners = new ArrayList<>();
    if (earlyStop != null) {
      listeners.add(earlyStop);
    }
    listeners.add(recorder);
    String status = TrialOutcome.COMPLETED;
    try {
      new Trainer(TrainConfig.of(spec), listeners).fit(network, optimizer, train, validation, from);
      if (paused[0] && task.until() < epochs) {
        status = TrialOutcome.PAUSED;
      }
    } catch (TrainingDivergedException diverged) {
      status = TrialOutcome.DIVERGED;
      validationAccuracy.add(0.0);
      trainAccuracy.add(0.0);
    }
    return new TrialOutcome(
        task.trial(),
        validationAccuracy,
        trainAccuracy,
        status,
        threads,
        status.equals(TrialOutcome.PAUSED) ? snapshot[0] : new byte[0]);
  }
}
