package dev.gakushu.run;

/**
 * What one epoch measured. Training loss and accuracy are means over the epoch's mini-batches, each
 * taken in training mode before that batch's update (as Keras reports them); validation figures
 * come from a full pass in evaluation mode after the epoch, and are NaN when there is no validation
 * data.
 *
 * @param step optimizer steps taken so far
 * @param learningRate the learning rate of the epoch's last step
 * @param trainLoss the data loss (cross-entropy), without the weight penalties
 * @param weightPenalty the L2 penalty ½λ Σ‖W‖² at the end of the epoch (0 without weight decay)
 * @param l1Penalty the L1 penalty λ Σ|w| at the end of the epoch (0 without it)
 * @param seconds wall time of this epoch, validation included
 * @param stopReason why training stops after this epoch before its last one (a listener asked for
 *     it), or null
 */
public record EpochMetrics(
    int epoch,
    long step,
    double learningRate,
    double trainLoss,
    double weightPenalty,
    double l1Penalty,
    double trainAccuracy,
    double validationLoss,
    double validationAccuracy,
    double seconds,
    String stopReason) {
  /** These metrics with the reason training stops after them. */
  public EpochMetrics stoppingBecause(String reason) {
    return new EpochMetrics(
        epoch,
        step,
        learningRate,
        trainLoss,
        weightPenalty,
        l1Penalty,
        trainAccuracy,
        validationLoss,
        validationAccuracy,
        seconds,
        reason);
  }
}
