package dev.gakushu.tune;

import dev.gakushu.run.TrialResult;
import dev.gakushu.tensor.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimators (Bergstra et al., 2011), as Optuna's {@code TPESampler}
 * implements them with its defaults (multivariate, constant liar). Trial n:
 *
 * <ol>
 *   <li>learns from the observed trials 0..n−L−1 (L = the lag) and treats trials n−L..n−1 as
 *       pending, whether or not they have finished by the time n starts;
 *   <li>while fewer than the start-up count are observed, is drawn at random, exactly as random
 *       search draws it (so trials 0..startup+L−1 are random search's);
 *   <li>otherwise splits the observed trials into the best n_l = min(⌈γ·n_obs⌉, 25) and the rest:
 *       completed trials by validation accuracy first, then trials successive halving stopped, by
 *       the epochs they reached and then the accuracy they reached there (Optuna's rule for pruned
 *       trials); a pending trial joins the rest (the constant liar: it counts as bad, so the trials
 *       running beside it are not drawn at the same point);
 *   <li>fits {@link ParzenEstimator}s l(x) to the best and g(x) to the rest, each kernel weighted
 *       by Optuna's default_weights (1 for all of up to 25 trials; for more, a ramp from 1/n to 1
 *       over the oldest n − 25 by trial number and 1 for the newest 25);
 *   <li>draws the candidates from l(x) with the stream "tpe-n" of the seed and takes the one with
 *       the largest log l(x) − log g(x), the first on ties.
 * </ol>
 *
 * <p>Why a fixed lag and not the trials finished so far: which trials have finished when trial n
 * starts depends on the workers and their timing, so trial n would differ from run to run. With a
 * fixed lag, trial n depends on the seed and the results of trials below n only; the driver holds
 * trial n back until trials 0..n−L−1 have finished, so L + 1 trials can run at once in the steady
 * state and the journal is the same on one worker, many, or Spark.
 */
final class TpeSampler implements Sampler {
  /** Optuna's cap on the size of l(x)'s trials. */
  static final int MAX_BELOW = 25;

  /** Optuna's count of the newest trials that keep the full weight 1. */
  static final int FLAT_WEIGHTS = 25;

  private final long seed;
  private final SamplerSettings settings;
  private final RandomSampler startup;
  private final Coordinates coordinates;

  TpeSampler(SearchSpace space, long seed, SamplerSettings settings) {
    this.seed = seed;
    this.settings = settings;
    this.startup = new RandomSampler(space, seed);
    this.coordinates = new Coordinates(space);
  }

  @Override
  public int needs(int trial) {
    return isStartup(trial) ? 0 : trial - settings.lag();
  }

  private boolean isStartup(int trial) {
    return trial - settings.lag() < settings.startup();
  }

  @Override
  public Map<String, Object> propose(int trial, History history) {
    if (isStartup(trial)) {
      return startup.propose(trial, history);
    }
    int observed = trial - settings.lag();
    List<TrialResult> results = new ArrayList<>();
    for (int m = 0; m < observed; m++) {
      results.add(history.result(m));
    }
    int below = Math.min((int) Math.ceil(settings.gamma() * observed), MAX_BELOW);
    List<TrialResult> ranked = rank(results);
    List<TrialResult> good = new ArrayList<>(ranked.subList(0, below));
    List<TrialResult> rest = new ArrayList<>(ranked.subList(below, ranked.size()));
    good.sort(Comparator.comparingInt(TrialResult::trial));
    rest.sort(Comparator.comparingInt(TrialResult::trial));
    List<double[]> l = new ArrayList<>();
    good.forEach(r -> l.add(coordinates.of(r.params())));
    List<double[]> g = new ArrayList<>();
    rest.forEach(r -> g.add(coordinates.of(r.params())));
    for (int m = observed; m < trial; m++) {
      g.add(coordinates.of(history.params(m)));
    }
    ParzenEstimator lx = new ParzenEstimator(coordinates, l, weights(l.size()));
    ParzenEstimator gx = new ParzenEstimator(coordinates, g, weights(g.size()));
    SplittableRandom random = Seeds.stream(seed, "tpe-" + trial);
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < settings.candidates(); c++) {
      double[] x = lx.sample(random);
      double score = lx.logPdf(x) - gx.logPdf(x);
      if (best == null || score > bestScore) {
        best = x;
        bestScore = score;
      }
    }
    return coordinates.values(best);
  }

  /**
   * The observed trials best first: completed (or diverged) trials by validation accuracy, a
   * non-finite one last; then stopped trials by the epochs they reached and their accuracy there;
   * ties to the lower trial number.
   */
  static List<TrialResult> rank(List<TrialResult> results) {
    Comparator<TrialResult> byScore =
        Comparator.comparing((TrialResult r) -> !Double.isFinite(r.score()))
            .thenComparing(
                Comparator.comparingDouble(
                        (TrialResult r) -> Double.isFinite(r.score()) ? r.score() : 0)
                    .reversed());
    Comparator<TrialResult> order =
        Comparator.comparing((TrialResult r) -> r.status().equals("stopped"))
            .thenComparing(
                Comparator.comparingInt(
                    (TrialResult r) -> r.status().equals("stopped") ? -r.epochs() : 0))
            .thenComparing(byScore)
            .thenComparingInt(TrialResult::trial);
    List<TrialResult> ranked = new ArrayList<>(results);
    ranked.sort(order);
    return ranked;
  }

  /**
   * Optuna's default_weights(n): 1 for each of n ≤ 25 trials; for more, the oldest n − 25 (by trial
   * number) get 1/n + j·(1 − 1/n)/(n − 26), j = 0..n−26 (numpy's linspace(1/n, 1, n − 25)), the
   * newest 25 get 1.
   */
  static double[] weights(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1.0);
    int ramp = n - FLAT_WEIGHTS;
    if (ramp > 0) {
      double start = 1.0 / n;
      for (int j = 0; j < ramp; j++) {
        w[j] = ramp == 1 ? start : start + j * (1.0 - start) / (ramp - 1);
      }
    }
    return w;
  }
}
