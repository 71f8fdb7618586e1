package dev.gakushu.experiments;

/**
 * The book's {@code smooth_curve}: a Kaiser window of length 11 and β = 2, normalised to sum 1,
 * over the curve reflected at both ends ({@code r_[x[10:0:-1], x, x[-1:-11:-1]]}); the output has
 * the input's length.
 */
final class Smoothing {
  private static final int LENGTH = 11;
  private static final double BETA = 2;

  private Smoothing() {}

  static double[] smooth(double[] x) {
    int n = x.length;
    if (n < LENGTH) {
      return x.clone();
    }
    double[] w = kaiser();
    double[] padded = new double[n + 20];
    for (int i = 0; i < 10; i++) {
      padded[i] = x[10 - i];
      padded[n + 10 + i] = x[n - 1 - i];
    }
    System.arraycopy(x, 0, padded, 10, n);
    // convolve(w, padded, 'valid') has n + 10 values; the book keeps [5 : -5]
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      double s = 0;
      for (int j = 0; j < LENGTH; j++) {
        s += w[LENGTH - 1 - j] * padded[k + 5 + j];
      }
      out[k] = s;
    }
    return out;
  }

  /** w_m = I0(β·√(1 − (2m/(M−1) − 1)²)) / I0(β), normalised to sum 1. */
  static double[] kaiser() {
    double[] w = new double[LENGTH];
    double sum = 0;
    for (int m = 0; m < LENGTH; m++) {
      double r = 2.0 * m / (LENGTH - 1) - 1;
      w[m] = besselI0(BETA * Math.sqrt(1 - r * r)) / besselI0(BETA);
      sum += w[m];
    }
    for (int m = 0; m < LENGTH; m++) {
      w[m] /= sum;
    }
    return w;
  }

  /** The modified Bessel function I0 by its power series Σ ((x/2)^k / k!)². */
  static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / 2) / k;
      sum += term * term;
    }
    return sum;
  }
}
