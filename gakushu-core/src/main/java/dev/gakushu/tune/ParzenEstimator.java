package dev.gakushu.tune;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A Parzen estimator over a whole search space, as Optuna's TPE builds it (its {@code
 * _ParzenEstimator}, multivariate): a mixture of product kernels, one kernel per observed trial and
 * one prior kernel,
 *
 * <pre>
 *   p(x) = Σₖ wₖ Πᵢ Kᵢ(xᵢ | observation k),   w ∝ (weights of the observations…, prior weight 1)
 * </pre>
 *
 * <p>Values are in {@link Coordinates}: the logarithm for {@code log} dimensions. A continuous
 * dimension's kernel is a normal truncated to its range, centred on the observed value; its σ is
 * the larger distance to the neighbouring observations (sorted, with the range's ends as
 * neighbours; the first and last use the distance to their one inner neighbour, Optuna's
 * consider_endpoints = false), clipped to [(high − low)/min(100, 1 + kernels), high − low] (the
 * "magic clip"). The prior kernel has μ = (low + high)/2 and σ = high − low. An {@code int}
 * dimension is the same on [a − ½, b + ½], a value's probability the mass of its cell [v − ½, v +
 * ½]. A {@code choice} dimension's kernel puts 1 + prior/kernels on the observed choice and
 * prior/kernels on each of the others, normalised; the prior kernel is uniform.
 */
final class ParzenEstimator {
  /** Optuna's prior weight. */
  static final double PRIOR_WEIGHT = 1.0;

  private final Coordinates coordinates;
  private final double[] logWeights;
  private final double[] cumulative;
  private final double[][] mus; // [dimension][kernel]
  private final double[][] sigmas;
  private final double[][][] choiceProbabilities; // [dimension][kernel][choice]

  /**
   * @param observations the observed trials in coordinates, [trial][dimension]
   * @param weights each observation's weight (before the prior's is added and all normalised)
   */
  ParzenEstimator(Coordinates coordinates, List<double[]> observations, double[] weights) {
    this.coordinates = coordinates;
    int n = observations.size();
    int kernels = n + 1;
    double[] w = new double[kernels];
    System.arraycopy(weights, 0, w, 0, n);
    w[n] = n == 0 ? 1.0 : PRIOR_WEIGHT;
    double total = 0;
    for (double v : w) {
      total += v;
    }
    logWeights = new double[kernels];
    cumulative = new double[kernels];
    double running = 0;
    for (int k = 0; k < kernels; k++) {
      logWeights[k] = StrictMath.log(w[k] / total);
      running += w[k] / total;
      cumulative[k] = running;
    }
    int dims = coordinates.size();
    mus = new double[dims][];
    sigmas = new double[dims][];
    choiceProbabilities = new double[dims][][];
    for (int i = 0; i < dims; i++) {
      double[] values = new double[n];
      for (int k = 0; k < n; k++) {
        values[k] = observations.get(k)[i];
      }
      if (coordinates.isChoice(i)) {
        choiceProbabilities[i] = choiceKernels(values, coordinates.choices(i));
      } else {
        mus[i] = new double[kernels];
        System.arraycopy(values, 0, mus[i], 0, n);
        double low = coordinates.low(i);
        double high = coordinates.high(i);
        mus[i][n] = 0.5 * (low + high);
        sigmas[i] = bandwidths(values, low, high);
      }
    }
  }

  /** Each kernel's probabilities of the choices (the last kernel is the prior's). */
  private static double[][] choiceKernels(double[] observed, int choices) {
    int kernels = observed.length + 1;
    double[][] p = new double[kernels][choices];
    for (int k = 0; k < kernels; k++) {
      double rowSum = 0;
      for (int c = 0; c < choices; c++) {
        p[k][c] = PRIOR_WEIGHT / kernels + (k < observed.length && observed[k] == c ? 1 : 0);
        rowSum += p[k][c];
      }
      for (int c = 0; c < choices; c++) {
        p[k][c] /= rowSum;
      }
    }
    return p;
  }

  /** The kernels' σ: the neighbour rule with the magic clip, then the prior's high − low. */
  static double[] bandwidths(double[] mus, double low, double high) {
    int n = mus.length;
    Integer[] order = new Integer[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
    double[] sorted = new double[n + 2];
    sorted[0] = low;
    for (int k = 0; k < n; k++) {
      sorted[k + 1] = mus[order[k]];
    }
    sorted[n + 1] = high;
    double[] sortedSigma = new double[n];
    for (int k = 0; k < n; k++) {
      sortedSigma[k] = Math.max(sorted[k + 1] - sorted[k], sorted[k + 2] - sorted[k + 1]);
    }
    if (n >= 2) { // consider_endpoints = false
      sortedSigma[0] = sorted[2] - sorted[1];
      sortedSigma[n - 1] = sorted[n] - sorted[n - 1];
    }
    double max = high - low;
    double min = (high - low) / Math.min(100.0, 1.0 + (n + 1));
    double[] sigma = new double[n + 1];
    for (int k = 0; k < n; k++) {
      sigma[order[k]] = Math.min(max, Math.max(min, sortedSigma[k]));
    }
    sigma[n] = max;
    return sigma;
  }

  /** Draws a point: a kernel by its weight, then each dimension from that kernel. */
  double[] sample(SplittableRandom random) {
    double u = random.nextDouble();
    int k = 0;
    while (k < cumulative.length - 1 && cumulative[k] <= u) {
      k++;
    }
    double[] x = new double[coordinates.size()];
    for (int i = 0; i < x.length; i++) {
      if (coordinates.isChoice(i)) {
        double v = random.nextDouble();
        double[] p = choiceProbabilities[i][k];
        int c = 0;
        double sum = p[0];
        while (c < p.length - 1 && sum <= v) {
          c++;
          sum += p[c];
        }
        x[i] = c;
      } else {
        double low = coordinates.low(i);
        double high = coordinates.high(i);
        double v = TruncatedNormal.sample(random, mus[i][k], sigmas[i][k], low, high);
        x[i] = coordinates.isInteger(i) ? coordinates.nearestInteger(i, v) : v;
      }
    }
    return x;
  }

  /** log p(x), summed over the kernels by log-sum-exp. */
  double logPdf(double[] x) {
    double[] terms = new double[logWeights.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < terms.length; k++) {
      double t = logWeights[k];
      for (int i = 0; i < x.length; i++) {
        t += logKernel(i, k, x[i]);
      }
      terms[k] = t;
      max = Math.max(max, t);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (double t : terms) {
      sum += StrictMath.exp(t - max);
    }
    return max + StrictMath.log(sum);
  }

  private double logKernel(int i, int k, double v) {
    if (coordinates.isChoice(i)) {
      return StrictMath.log(choiceProbabilities[i][k][(int) v]);
    }
    double low = coordinates.low(i);
    double high = coordinates.high(i);
    if (coordinates.isInteger(i)) {
      return TruncatedNormal.logIntervalPdf(v - 0.5, v + 0.5, mus[i][k], sigmas[i][k], low, high);
    }
    return TruncatedNormal.logPdf(v, mus[i][k], sigmas[i][k], low, high);
  }
}
