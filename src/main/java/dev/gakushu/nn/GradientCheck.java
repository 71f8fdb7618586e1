package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares backpropagation with central differences, parameter by parameter: n_i = (J(θ + h·e_i) −
 * J(θ − h·e_i)) / 2h against the analytic a_i = ∂J/∂θ_i, where J is the network's objective in
 * training mode (weight decay included) with dropout masks held fixed.
 *
 * <p>Weights are float32, so a difference quotient carries rounding noise of order ε_float·|L|/h.
 * The error of entry i is therefore measured as |a_i − n_i| / max(|a_i| + |n_i|, floor), with floor
 * = max({@link #FLOOR_FRACTION}·max_i |n_i|, {@link #NOISE}·|L|/h): entries whose gradient is too
 * small to be resolved in float32 are judged against the parameter's scale, or against the noise,
 * rather than against zero.
 *
 * <p>ReLU makes the loss piecewise smooth: when θ_i ± h crosses a kink, the central difference is
 * wrong although backpropagation is right. An entry is therefore also compared with the one-sided
 * quotients (L(θ + h·e_i) − L(θ))/h and (L(θ) − L(θ − h·e_i))/h, and its error is the smallest of
 * the three: a kink on one side leaves the other side's quotient exact, while a wrong backward pass
 * disagrees with all three. Measured on digits networks in float32, a wrong backward pass gives
 * errors near 1 and a correct one below 0.05, hence the default threshold 0.1.
 */
public final class GradientCheck {
  /** Default step h. */
  public static final double DEFAULT_STEP = 1e-3;

  /** Default threshold above which a parameter fails. */
  public static final double DEFAULT_THRESHOLD = 0.1;

  /** The floor of the relative error, as a fraction of the parameter's largest gradient. */
  static final double FLOOR_FRACTION = 1e-2;

  /** Relative rounding noise of a float32 loss, about 8 units in the last place. */
  static final double NOISE = 1e-6;

  /** The outcome for one parameter: how many entries were checked and the largest error. */
  public record Result(String param, int checked, double maxError, int worstIndex) {
    public boolean passes(double threshold) {
      return maxError <= threshold;
    }
  }

  private GradientCheck() {}

  /**
   * Checks up to {@code maxEntries} entries of every parameter (all of them when the parameter is
   * no larger), chosen by a generator seeded with {@code seed}. The network's weights are restored
   * afterwards; its gradients hold the analytic values.
   */
  public static List<Result> run(
      Network network, Matrix x, int[] labels, double step, int maxEntries, long seed) {
    network.holdRandomness(false);
    double loss = network.objective(x, labels, Mode.TRAIN);
    network.holdRandomness(true);
    network.backward();
    double noiseFloor = NOISE * Math.abs(loss) / step;
    SplittableRandom random = new SplittableRandom(seed);
    List<Result> results = new ArrayList<>();
    for (Param param : network.params()) {
      int[] entries = chooseEntries(param.value().size(), maxEntries, random);
      float[] analytic = param.grad().data().clone();
      double[][] numeric = new double[entries.length][];
      float[] w = param.value().data();
      for (int e = 0; e < entries.length; e++) {
        int i = entries[e];
        float original = w[i];
        w[i] = (float) (original + step);
        double plus = network.objective(x, labels, Mode.TRAIN);
        w[i] = (float) (original - step);
        double minus = network.objective(x, labels, Mode.TRAIN);
        w[i] = original;
        numeric[e] =
            new double[] {(plus - minus) / (2 * step), (plus - loss) / step, (loss - minus) / step};
      }
      results.add(compare(param.name(), entries, analytic, numeric, noiseFloor));
    }
    network.objective(x, labels, Mode.TRAIN);
    network.backward();
    network.holdRandomness(false);
    return results;
  }

  /** numeric[e] holds the central, forward and backward quotients of entry e. */
  private static Result compare(
      String name, int[] entries, float[] analytic, double[][] numeric, double noiseFloor) {
    double largest = 0;
    for (double[] n : numeric) {
      largest = Math.max(largest, Math.abs(n[0]));
    }
    double floor = Math.max(Math.max(FLOOR_FRACTION * largest, noiseFloor), 1e-12);
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
    java.util.TreeSet<Integer> chosen = new java.util.TreeSet<>();
    for (int j = size - max; j < size; j++) {
      int t = random.nextInt(j + 1);
      chosen.add(chosen.contains(t) ? j : t);
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }
}
