package dev.gakushu.observe;

/**
 * The distribution of one layer's outputs over a batch: mean μ = Σx/n, standard deviation σ =
 * √(Σ(x−μ)²/n) (population), min, max, the share of exact zeros, the share of saturated units (for
 * sigmoid y &lt; 0.01 or y &gt; 0.99, for tanh |y| &gt; 0.99; NaN for other layers) and a histogram
 * of {@link #BINS} equal bins over [min, max] (bin i holds min + i·w ≤ x &lt; min + (i+1)·w, w =
 * (max−min)/BINS, the last bin also holds max; all values in bin 0 when max = min).
 *
 * @param layer the layer's name, e.g. {@code relu2}
 * @param type the layer's kind: dense, relu, sigmoid, tanh, batchnorm or dropout
 */
public record ActivationStats(
    String layer,
    String type,
    double mean,
    double std,
    double min,
    double max,
    double zeroFraction,
    double saturatedFraction,
    long[] histogram) {
  public static final int BINS = 30;

  /** Where an activation counts as saturated. */
  static final double SATURATION = 0.99;

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
    long[] counts = new long[BINS];
    double width = (max - min) / BINS;
    for (int i = 0; i < n; i++) {
      double d = x[i] - mean;
      squares += d * d;
      counts[width > 0 ? Math.min((int) ((x[i] - min) / width), BINS - 1) : 0]++;
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

  /** The lower edge of bin {@code i}; {@code edge(BINS)} is the upper edge of the last bin. */
  public double edge(int i) {
    return i == BINS ? max : min + i * (max - min) / BINS;
  }
}
