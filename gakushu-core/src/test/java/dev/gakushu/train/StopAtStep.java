package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** For tests: a new run asked to stop after a given step, as Ctrl-C would stop it. */
public final class StopAtStep {
  private StopAtStep() {}

  /**
   * Trains {@code run} (fresh from {@link TrainingRun#prepare}) into {@code dir} with {@code extra}
   * listeners until it stops after step {@code step}, its checkpoint written there.
   */
  public static void train(
      TrainingRun run, RunDirectory dir, long step, List<TrainListener> extra) {
    AtomicLong steps = new AtomicLong();
    List<TrainListener> listeners = new ArrayList<>(extra);
    listeners.add(
        new TrainListener() {
          @Override
          public void onBatchEnd(int epoch, long at, double loss) {
            steps.set(at);
          }
        });
    TrainingRun stopping = run.stoppingWhen(() -> steps.get() == step);
    assertThatThrownBy(() -> stopping.startIn(dir, listeners))
        .isInstanceOf(TrainingInterruptedException.class)
        .extracting(e -> ((TrainingInterruptedException) e).state().step())
        .isEqualTo(step);
  }
}
