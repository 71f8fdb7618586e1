package dev.gakushu.train;

import java.util.List;

/**
 * Where a run stands between two steps, enough to continue it exactly: the epoch under way (from 1)
 * and its next batch, the steps taken, the partial sums of the epoch's training loss and correct
 * answers, and how many masks each dropout layer has drawn. Together with the weights and the
 * optimizer's state this is a checkpoint.
 *
 * @param epoch the epoch under way, or the next one when {@code nextBatch} is 0
 * @param nextBatch the index of the next batch of {@code epoch}
 * @param step updates made so far
 * @param lossSum the sum of the epoch's batch losses so far
 * @param correct the epoch's correctly classified training rows so far
 * @param dropoutPasses the masks each dropout layer has drawn so far
 * @param stopped why the run stopped before its last epoch (e.g. early stopping), null while it
 *     goes on: a run continued from a stopped state trains no further epoch
 */
public record TrainState(
    int epoch,
    int nextBatch,
    long step,
    double lossSum,
    long correct,
    List<Long> dropoutPasses,
    String stopped) {
  public TrainState {
    dropoutPasses = List.copyOf(dropoutPasses);
  }

  /** A state of a run that goes on. */
  public TrainState(
      int epoch, int nextBatch, long step, double lossSum, long correct, List<Long> dropoutPasses) {
    this(epoch, nextBatch, step, lossSum, correct, dropoutPasses, null);
  }

  /** This state without its stop: where a paused run goes on from. */
  public TrainState goingOn() {
    return new TrainState(epoch, nextBatch, step, lossSum, correct, dropoutPasses, null);
  }

  public int completedEpochs() {
    return epoch - 1;
  }
}
