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
 */
public record TrainState(
    int epoch, int nextBatch, long step, double lossSum, long correct, List<Long> dropoutPasses) {
  public TrainState {
    dropoutPasses = List.copyOf(dropoutPasses);
  }

  public int completedEpochs() {
    return epoch - 1;
  }
}
