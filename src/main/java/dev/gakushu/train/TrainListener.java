package dev.gakushu.train;

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

  default void onEpochEnd(EpochMetrics metrics) {}

  /**
   * After each step, and again after each epoch's metrics, with the state a resumed run would start
   * from. Checkpoints are written here.
   */
  default void onState(TrainState state) {}

  default void onTrainEnd(TrainResult result) {}

  /** The loss stopped being finite; {@code diverged} is thrown right after. */
  default void onDiverged(TrainingDivergedException diverged) {}
}
