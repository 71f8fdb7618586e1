package dev.gakushu.train;

import dev.gakushu.data.Batches;
import dev.gakushu.run.EpochMetrics;

/**
 * Everything around the training loop — progress display, metric files, checkpoints — hears about
 * it through this interface, so the loop itself stays small. Every method does nothing by default.
 */
public interface TrainListener {
  default void onTrainStart(int epochs, int batchesPerEpoch) {}

  default void onEpochStart(int epoch) {}

  /**
   * After the backward pass of a mini-batch, before gradient clipping and the optimizer step: the
   * network's layer outputs and gradients are those of this batch, its weights those before step
   * {@code step}.
   */
  default void onGradients(int epoch, long step) {}

  /** After the optimizer step of one mini-batch, with that batch's loss before the step. */
  default void onBatchEnd(int epoch, long step, double loss) {}

  /**
   * After {@link #onBatchEnd}, with the batch the step was taken on (its matrices are reused by the
   * next batch), e.g. to measure the network on it after the update.
   */
  default void afterStep(Batches.Batch batch) {}

  /**
   * After an epoch's validation, before {@link #onEpochEnd}: a listener that wants training to stop
   * after this epoch returns why (e.g. early stopping), else null. The reason reaches every
   * listener in {@link EpochMetrics#stopReason()}.
   */
  default String stopAfter(EpochMetrics metrics) {
    return null;
  }

  default void onEpochEnd(EpochMetrics metrics) {}

  /**
   * After each step, and again after each epoch's metrics, with the state a resumed run would start
   * from. Checkpoints are written here.
   */
  default void onState(TrainState state) {}

  default void onTrainEnd(TrainResult result) {}

  /**
   * Training stops at {@code state}, between two steps, because it was asked to; a {@link
   * TrainingInterruptedException} is thrown right after. The checkpoint is written here.
   */
  default void onInterrupted(TrainState state) {}

  /** The loss stopped being finite; {@code diverged} is thrown right after. */
  default void onDiverged(TrainingDivergedException diverged) {}
}
