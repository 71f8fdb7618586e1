package dev.gakushu.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A regression tree (CART) on points of the unit cube, grown as scikit-learn's
 * DecisionTreeRegressor grows the trees of the random forest Optuna's fANOVA fits: every feature
 * tried at every node (in an order the random stream shuffles, which only breaks ties), the split
 * that most lowers the squared error, at the midpoint between two neighbouring values, until a node
 * has fewer than 2 rows, no variance, no split, or lies {@link #MAX_DEPTH} deep. A leaf predicts
 * its rows' mean.
 */
final class RegressionTree {
  static final int MAX_DEPTH = 64;

  /** A leaf: the box [low, high) of the unit cube it covers and its prediction. */
  record Leaf(double[] low, double[] high, double value) {
    /** Its volume, the unit cube's measure of the box. */
    double volume() {
      double v = 1;
      for (int i = 0; i < low.length; i++) {
        v *= high[i] - low[i];
      }
      return v;
    }
  }

  private final List<Leaf> leaves = new ArrayList<>();
  private final double[][] x;
  private final double[] y;
  private final SplittableRandom random;

  /**
   * Grows a tree on the rows {@code rows} (with repeats, a bootstrap sample) of x, y.
   *
   * @param x points in [0, 1]^d
   */
  RegressionTree(double[][] x, double[] y, int[] rows, SplittableRandom random) {
    this.x = x;
    this.y = y;
    this.random = random;
    int d = x[0].length;
    double[] low = new double[d];
    double[] high = new double[d];
    Arrays.fill(high, 1.0);
    grow(rows, low, high, 0);
  }

  /** The leaves, whose boxes partition the unit cube. */
  List<Leaf> leaves() {
    return leaves;
  }

  private void grow(int[] rows, double[] low, double[] high, int depth) {
    double sum = 0;
    for (int r : rows) {
      sum += y[r];
    }
    double mean = sum / rows.length;
    Split best = depth < MAX_DEPTH && rows.length >= 2 ? bestSplit(rows, sum) : null;
    if (best == null) {
      leaves.add(new Leaf(low, high, mean));
      return;
    }
    int[] left = Arrays.stream(rows).filter(r -> x[r][best.feature] <= best.threshold).toArray();
    int[] right = Arrays.stream(rows).filter(r -> x[r][best.feature] > best.threshold).toArray();
    double[] leftHigh = high.clone();
    leftHigh[best.feature] = best.threshold;
    double[] rightLow = low.clone();
    rightLow[best.feature] = best.threshold;
    grow(left, low, leftHigh, depth + 1);
    grow(right, rightLow, high, depth + 1);
  }

  private record Split(int feature, double threshold, double gain) {}

  /**
   * The split that most lowers the squared error: the largest S_l²/n_l + S_r²/n_r (S the sums of y
   * on either side), which differs from the error's fall by a constant; null when no split lowers
   * it (every feature constant, or y constant).
   */
  private Split bestSplit(int[] rows, double sum) {
    int d = x[0].length;
    int[] features = new int[d];
    for (int i = 0; i < d; i++) {
      features[i] = i;
    }
    for (int i = d - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = features[i];
      features[i] = features[j];
      features[j] = t;
    }
    double parent = sum * sum / rows.length;
    Split best = null;
    for (int f : features) {
      Integer[] sorted = Arrays.stream(rows).boxed().toArray(Integer[]::new);
      Arrays.sort(sorted, (a, b) -> Double.compare(x[a][f], x[b][f]));
      double left = 0;
      for (int k = 0; k < sorted.length - 1; k++) {
        left += y[sorted[k]];
        double here = x[sorted[k]][f];
        double next = x[sorted[k + 1]][f];
        if (here == next) {
          continue;
        }
        int nl = k + 1;
        int nr = sorted.length - nl;
        double right = sum - left;
        double gain = left * left / nl + right * right / nr - parent;
        if (gain > 1e-12 * Math.abs(parent) + 1e-300 && (best == null || gain > best.gain)) {
          best = new Split(f, 0.5 * (here + next), gain);
        }
      }
    }
    return best;
  }
}
