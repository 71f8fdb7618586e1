package dev.gakushu.run;

import java.util.Comparator;
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
  /**
   * The search's ranking, best first: higher score first, trials without a finite score (no epoch
   * validated, or a diverged run) last, ties to the lower trial number.
   */
  public static final Comparator<TrialResult> BEST_FIRST =
      Comparator.comparing((TrialResult r) -> !Double.isFinite(r.score()))
          .thenComparing(Comparator.comparingDouble(TrialResult::score).reversed())
          .thenComparingInt(TrialResult::trial);

  /** The score: the validation accuracy after the last epoch run. */
  public double score() {
    return scoreOf(validationAccuracy);
  }

  /**
   * A trial's score from its validation accuracy per epoch: the last one, NaN when none (the one
   * definition of a search's "best" that tune ranks by and {@code gakushu runs} shows).
   */
  public static double scoreOf(List<Double> validationAccuracy) {
    return validationAccuracy.isEmpty()
        ? Double.NaN
        : validationAccuracy.get(validationAccuracy.size() - 1);
  }

  public int epochs() {
    return validationAccuracy.size();
  }
}
