package dev.gakushu.run;

/**
 * The distribution of one layer's outputs over a batch, as {@link LayersFile} holds it: mean μ =
 * Σx/n, standard deviation σ = √(Σ(x−μ)²/n) (population), min, max, the share of exact zeros, the
 * share of saturated units (for sigmoid y &lt; 0.01 or y &gt; 0.99, for tanh |y| &gt; 0.99; NaN for
 * other layers) and a histogram of {@link #BINS} equal bins over [min, max] (bin i holds min + i·w
 * ≤ x &lt; min + (i+1)·w, w = (max−min)/BINS, the last bin also holds max; all values in bin 0 when
 * max = min).
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

  /** The lower edge of bin {@code i}; {@code edge(BINS)} is the upper edge of the last bin. */
  public double edge(int i) {
    return i == BINS ? max : min + i * (max - min) / BINS;
  }
}
