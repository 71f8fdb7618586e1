package dev.gakushu.observe;

import dev.gakushu.run.ActivationStats;

/** Measures one layer's outputs over a batch: the figures of {@link ActivationStats}. */
public final class ActivationMeasure {
  private ActivationMeasure() {}

  /** Where an activation counts as saturated. */
  private static final double SATURATION = 0.99;

  /** Measures the first {@code n} values of {@code x}. */
  public static ActivationStats of(String layer, String type, float[] x, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(layer + ": no values to measure");
    }
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long zeros = 0;
    long saturated = 0;
    boolean sigmoid = type.equals("sigmoid");
    boolean tanh = type.equals("tanh");
    for (int i = 0; i < n; i++) {
      double v = x[i];
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (v == 0) {
        zeros++;
      }
      if (sigmoid ? v > SATURATION || v < 1 - SATURATION : tanh && Math.abs(v) > SATURATION) {
        saturated++;
      }
    }
    double mean = sum / n;
    double squares = 0;
    long[] counts = new long[ActivationStats.BINS];
    double width = (max - min) / ActivationStats.BINS;
    for (int i = 0; i < n; i++) {
      double d = x[i] - mean;
      squares += d * d;
      counts[width > 0 ? Math.min((int) ((x[i] - min) / width), ActivationStats.BINS - 1) : 0]++;
    }
    return new ActivationStats(
        layer,
        type,
        mean,
        Math.sqrt(squares / n),
        min,
        max,
        (double) zeros / n,
        sigmoid || tanh ? (double) saturated / n : Double.NaN,
        counts);
  }
}
