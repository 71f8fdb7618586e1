package dev.gakushu.data;

import dev.gakushu.tensor.Matrix;

/**
 * Per-feature standardisation x' = (x − μ) / σ, with μ and σ (population standard deviation) fitted
 * on one data set — the training split — and applied unchanged to the others. A feature that is
 * constant in the fitting data (σ below 1e-8) is only centred.
 */
public final class Standardizer {
  private static final double MIN_STD = 1e-8;
  private final float[] mean;
  private final float[] std;

  private Standardizer(float[] mean, float[] std) {
    this.mean = mean;
    this.std = std;
  }

  /** A standardizer with the given μ and σ per feature (e.g. read from a model file; copied). */
  public static Standardizer of(float[] mean, float[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException(mean.length + " means for " + std.length + " deviations");
    }
    return new Standardizer(mean.clone(), std.clone());
  }

  /** μ_j = (1/n) Σ_i x_ij and σ_j = √((1/n) Σ_i (x_ij − μ_j)²), accumulated in double. */
  public static Standardizer fit(Dataset data) {
    int d = data.featureCount();
    int n = data.size();
    float[] x = data.features().data();
    double[] sum = new double[d];
    for (int base = 0; base < x.length; base += d) {
      for (int j = 0; j < d; j++) {
        sum[j] += x[base + j];
      }
    }
    float[] mean = new float[d];
    double[] centredSquares = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (n == 0 ? 0 : sum[j] / n);
    }
    for (int base = 0; base < x.length; base += d) {
      for (int j = 0; j < d; j++) {
        double c = x[base + j] - mean[j];
        centredSquares[j] += c * c;
      }
    }
    float[] std = new float[d];
    for (int j = 0; j < d; j++) {
      double s = n == 0 ? 0 : Math.sqrt(centredSquares[j] / n);
      std[j] = (float) (s < MIN_STD ? 1 : s);
    }
    return new Standardizer(mean, std);
  }

  /** Standardises a matrix of rows in place. */
  public void applyInPlace(dev.gakushu.tensor.Matrix x) {
    int d = x.cols();
    if (d != mean.length) {
      throw new IllegalArgumentException(
          "rows have " + d + " features, the standardizer " + mean.length);
    }
    float[] v = x.data();
    for (int base = 0; base < v.length; base += d) {
      for (int j = 0; j < d; j++) {
        v[base + j] = (v[base + j] - mean[j]) / std[j];
      }
    }
  }

  /** A new data set with standardised features; {@code data} is not modified. */
  public Dataset apply(Dataset data) {
    int d = data.featureCount();
    if (d != mean.length) {
      throw new IllegalArgumentException(
          data.name() + " has " + d + " features, the standardizer " + mean.length);
    }
    float[] x = data.features().data();
    float[] out = new float[x.length];
    for (int base = 0; base < x.length; base += d) {
      for (int j = 0; j < d; j++) {
        out[base + j] = (x[base + j] - mean[j]) / std[j];
      }
    }
    return data.withFeatures(Matrix.wrap(data.size(), d, out));
  }

  /** Standardises {@code data}'s features in place (for data sets this program just made). */
  public void applyInPlace(Dataset data) {
    applyInPlace(data.features());
  }

  /** μ per feature (a copy). */
  public float[] mean() {
    return mean.clone();
  }

  /** σ per feature as used for dividing (1 for constant features; a copy). */
  public float[] std() {
    return std.clone();
  }
}
