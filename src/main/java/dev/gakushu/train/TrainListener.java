package dev.gakushu.train;

/**
 * Everything around the training loop — progress display, metric files, checkpoints — hears
 * about it through this interface, so the loop itself stays small. Every method does nothing
 * by default.
 */
public interface TrainListener {
    default void onTrainStart(int epochs, int batchesPerEpoch) {
    }

    default void onEpochStart(int epoch) {
    }

    /** After the optimizer step of one mini-batch, with that batch's loss before the step. */
    default void onBatchEnd(int epoch, long step, double loss) {
    }

    default void onEpochEnd(EpochMetrics metrics) {
    }

    default void onTrainEnd(TrainResult result) {
    }
}
