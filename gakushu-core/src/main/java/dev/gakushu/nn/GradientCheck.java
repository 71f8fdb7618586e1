package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Compares backpropagation with finite differences, parameter by parameter, as the book's {@code
 * gradient_check} does: the analytic a_i = ∂J/∂θ_i from the network's float32 backward pass against
 * n_i = (J(θ + h·e_i) − J(θ − h·e_i)) / 2h, where J is the objective in training mode (weight decay
 * included, dropout masks held fixed) evaluated in <em>double precision</em> by {@link
 * Network#objectiveInDouble}.
 *
 * <p>In double precision with h = 10⁻⁶ the quotient is exact to about 10⁻⁹ relative, so what
 * remains is the float32 rounding of the analytic gradient, about 10⁻⁶ relative. The error of entry
 * i is |a_i − n_i| / max(|a_i| + |n_i|, floor), where floor = max({@link #FLOOR_FRACTION}·max_i
 * |n_i| of the parameter, {@link #NETWORK_FLOOR_FRACTION}·the largest |n| of the whole network):
 * entries whose gradient vanishes (a dense bias before BatchNorm, whose exact gradient is 0) are
 * judged against the scale that float32 can resolve rather than against zero. A gradient scaled by
 * 1.01 gives errors of 0.01/2.01 ≈ 5·10⁻³ on its largest entries, five times the default {@link
 * #DEFAULT_THRESHOLD} of 10⁻³; correct layers stay below 10⁻⁴.
 *
 * <p>ReLU makes the loss piecewise smooth: when θ_i ± h crosses a kink, the central difference is
 * wrong although backpropagation is right. An entry is therefore also compared with the one-sided
 * quotients (J(θ + h·e_i) − J(θ))/h and (J(θ) − J(θ − h·e_i))/h, and its error is the smallest of
 * the three: a kink on one side leaves the other side's quotient exact, while a wrong backward pass
 * disagrees with all three.
 */
public final class GradientCheck {
  /** Default step h, in double precision. */
  public static final double DEFAULT_STEP = 1e-6;

  /** Default threshold above which a parameter fails. */
  public static final double DEFAULT_THRESHOLD = 1e-3;

  /** The floor of the relative error, as a fraction of the parameter's largest gradient. */
  static final double FLOOR_FRACTION = 1e-3;

  /**
   * The floor of the relative error, as a fraction of the network's largest gradient: what the
   * float32 backward pass can resolve where large terms cancel (BatchNorm's input gradient sums
   * terms of the size of the largest gradients to an exact 0 for the bias before it). A gradient
   * scaled by 1.01 still fails wherever its largest entry exceeds 10⁻⁴ of the network's largest.
   */
  static final double NETWORK_FLOOR_FRACTION = 1e-3;

  /** The outcome for one parameter: how many entries were checked and the largest error. */
  public record Result(String param, int checked, double maxError, int worstIndex) {
    public boolean passes(double threshold) {
      return maxError <= threshold;
    }
  }

  private GradientCheck() {}

  /**
   * Checks up to {@code maxEntries} entries of every parameter (all of them when the parameter is
   * no larger), chosen by a generator seeded with {@code seed}. The network's weights are left
   * unchanged; its gradients hold the analytic values.
   */
  public static List<Result> run(
      Network network, Matrix x, int[] labels, double step, int maxEntries, long seed) {
    network.holdRandomness(false);
    network.objective(x, labels, Mode.TRAIN);
    network.holdRandomness(true);
    network.backward();
    IdentityHashMap<Param, double[]> values = new IdentityHashMap<>();
    for (Param p : network.params()) {
      values.put(p, toDouble(p.value().data()));
    }
    double[][] rows = rows(x);
    double loss = network.objectiveInDouble(rows, labels, values::get);
    SplittableRandom random = new SplittableRandom(seed);
    List<Param> params = network.params();
    List<int[]> chosen = new ArrayList<>();
    List<double[][]> quotients = new ArrayList<>();
    double networkLargest = 0;
    for (Param param : params) {
      int[] entries = chooseEntries(param.value().size(), maxEntries, random);
      double[] v = values.get(param);
      double[][] numeric = new double[entries.length][];
      for (int e = 0; e < entries.length; e++) {
        int i = entries[e];
        double original = v[i];
        v[i] = original + step;
        double plus = network.objectiveInDouble(rows, labels, values::get);
        v[i] = original - step;
        double minus = network.objectiveInDouble(rows, labels, values::get);
        v[i] = original;
        numeric[e] =
            new double[] {(plus - minus) / (2 * step), (plus - loss) / step, (loss - minus) / step};
        networkLargest = Math.max(networkLargest, Math.abs(numeric[e][0]));
      }
      chosen.add(entries);
      quotients.add(numeric);
    }
    List<Result> results = new ArrayList<>();
    for (int p = 0; p < params.size(); p++) {
      Param param = params.get(p);
      results.add(
          compare(
              param.name(),
              chosen.get(p),
              param.grad().data(),
              quotients.get(p),
              NETWORK_FLOOR_FRACTION * networkLargest));
    }
    network.holdRandomness(false);
    return results;
  }

  /** numeric[e] holds the central, forward and backward quotients of entry e. */
  private static Result compare(
      String name, int[] entries, float[] analytic, double[][] numeric, double networkFloor) {
    double largest = 0;
    for (double[] n : numeric) {
      largest = Math.max(largest, Math.abs(n[0]));
    }
    double floor = Math.max(Math.max(FLOOR_FRACTION * largest, networkFloor), Double.MIN_NORMAL);
    double worst = 0;
    int worstIndex = entries.length == 0 ? -1 : entries[0];
    for (int e = 0; e < entries.length; e++) {
      double a = analytic[entries[e]];
      double error = Double.POSITIVE_INFINITY;
      for (double n : numeric[e]) {
        error = Math.min(error, Math.abs(a - n) / Math.max(Math.abs(a) + Math.abs(n), floor));
      }
      if (error > worst) {
        worst = error;
        worstIndex = entries[e];
      }
    }
    return new Result(name, entries.length, worst, worstIndex);
  }

  private static double[] toDouble(float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  private static double[][] rows(Matrix x) {
    double[][] rows = new double[x.rows()][x.cols()];
    for (int r = 0; r < x.rows(); r++) {
      for (int c = 0; c < x.cols(); c++) {
        rows[r][c] = x.get(r, c);
      }
    }
    return rows;
  }

  /** All indices when size ≤ max, else max distinct indices drawn at random, in ascending order. */
  private static int[] chooseEntries(int size, int max, SplittableRandom random) {
    if (size <= max) {
      int[] all = new int[size];
      for (int i = 0; i < size; i++) {
        all[i] = i;
      }
      return all;
    }
    // Floyd's algorithm for a sample without replacement.
    TreeSet<Integer> chosen = new TreeSet<>();
    for (int j = size - max; j < size; j++) {
      int t = random.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
