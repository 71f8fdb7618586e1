package dev.gakushu.tune;

import java.util.List;
import java.util.Map;

/**
 * One finished trial.
 *
 * @param params the sampled hyperparameters
 * @param validationAccuracy per epoch run
 * @param trainAccuracy per epoch run (mean over the epoch's batches)
 * @param status "completed", or "stopped" by successive halving
 */
public record TrialResult(
    int trial,
    long seed,
    Map<String, Object> params,
    List<Double> validationAccuracy,
    List<Double> trainAccuracy,
    String status) {
  /** The score: the validation accuracy after the last epoch run. */
  public double score() {
    return validationAccuracy.isEmpty()
        ? Double.NaN
        : validationAccuracy.get(validationAccuracy.size() - 1);
  }

  public int epochs() {
    return validationAccuracy.size();
  }
}
