package dev.gakushu.tune;

import dev.gakushu.run.TrialResult;
import dev.gakushu.tensor.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The share of the validation accuracy's variance each hyperparameter explains: fANOVA (Hutter,
 * Hoos and Leyton-Brown, 2014) on a random forest, as Optuna's default importance evaluator
 * computes it, with one difference stated below.
 *
 * <p>A forest of {@link #TREES} regression trees ({@link RegressionTree}, each on a bootstrap
 * sample of the completed trials) is fitted to validation accuracy as a function of the trial's
 * values, each dimension mapped onto [0, 1] as the search samples it ({@link Coordinates}: log
 * ranges on the log scale, an int's or a choice's values as equal cells; Optuna's evaluator uses
 * the raw scale for log ranges). For a tree f with leaves ℓ (boxes B_ℓ of volume |B_ℓ|, value v_ℓ)
 * and the uniform measure on the cube, exactly:
 *
 * <pre>
 *   mean  μ = Σ_ℓ |B_ℓ| v_ℓ,        total variance  V = Σ_ℓ |B_ℓ| (v_ℓ − μ)²
 *   main effect of dimension i:  m_i(t) = E[f | x_i = t] = Σ_{ℓ : t ∈ B_ℓ,i} v_ℓ |B_ℓ| / |B_ℓ,i|
 *   V_i = ∫ (m_i(t) − μ)² dt   (m_i is constant between the ends of the boxes along i)
 * </pre>
 *
 * A dimension's importance is V_i/V averaged over the trees with V &gt; 0, then normalised so the
 * dimensions' shares sum to 1 (Optuna's get_param_importances). Only completed trials count, as in
 * Optuna (trials successive halving stopped were scored after fewer epochs).
 */
public final class Importance {
  /** Optuna's forest size. */
  static final int TREES = 64;

  private Importance() {}

  /**
   * Each dimension's share, in the space's order, or an empty map when fewer than two completed
   * trials exist or their scores are all equal.
   *
   * @param seed the search's seed: the forest draws from its stream "importance"
   */
  public static Map<String, Double> of(SearchSpace space, List<TrialResult> results, long seed) {
    List<TrialResult> completed =
        results.stream()
            .filter(r -> r.status().equals("completed") && Double.isFinite(r.score()))
            .sorted(java.util.Comparator.comparingInt(TrialResult::trial))
            .toList();
    if (completed.size() < 2) {
      return Map.of();
    }
    Coordinates coordinates = new Coordinates(space);
    int n = completed.size();
    int d = space.dimensions().size();
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      x[r] = coordinates.unit(completed.get(r).params());
      y[r] = completed.get(r).score();
    }
    SplittableRandom random = Seeds.stream(seed, "importance");
    double[] share = new double[d];
    int counted = 0;
    for (int t = 0; t < TREES; t++) {
      int[] rows = new int[n];
      for (int r = 0; r < n; r++) {
        rows[r] = random.nextInt(n);
      }
      double[] fractions = fractions(new RegressionTree(x, y, rows, random).leaves(), d);
      if (fractions != null) {
        counted++;
        for (int i = 0; i < d; i++) {
          share[i] += fractions[i];
        }
      }
    }
    double total = 0;
    for (double s : share) {
      total += s;
    }
    if (counted == 0 || total <= 0) {
      return Map.of();
    }
    Map<String, Double> importance = new LinkedHashMap<>();
    for (int i = 0; i < d; i++) {
      importance.put(space.dimensions().get(i).name(), share[i] / total);
    }
    return importance;
  }

  /** V_i/V for each dimension of one tree, or null if the tree is constant (V = 0). */
  static double[] fractions(List<RegressionTree.Leaf> leaves, int d) {
    double mean = 0;
    for (RegressionTree.Leaf l : leaves) {
      mean += l.volume() * l.value();
    }
    double total = 0;
    for (RegressionTree.Leaf l : leaves) {
      total += l.volume() * (l.value() - mean) * (l.value() - mean);
    }
    if (!(total > 0)) {
      return null;
    }
    double[] fractions = new double[d];
    for (int i = 0; i < d; i++) {
      TreeSet<Double> ends = new TreeSet<>();
      for (RegressionTree.Leaf l : leaves) {
        ends.add(l.low()[i]);
        ends.add(l.high()[i]);
      }
      List<Double> e = new ArrayList<>(ends);
      double v = 0;
      for (int j = 0; j + 1 < e.size(); j++) {
        double mid = 0.5 * (e.get(j) + e.get(j + 1));
        double marginal = 0;
        for (RegressionTree.Leaf l : leaves) {
          if (l.low()[i] <= mid && mid < l.high()[i]) {
            marginal += l.value() * l.volume() / (l.high()[i] - l.low()[i]);
          }
        }
        v += (e.get(j + 1) - e.get(j)) * (marginal - mean) * (marginal - mean);
      }
      fractions[i] = v / total;
    }
    return fractions;
  }
}
