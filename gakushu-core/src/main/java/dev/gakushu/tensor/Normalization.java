package dev.gakushu.tensor;

/**
 * The kernels of batch normalisation over the rows of a batch (one statistic per column), Ioffe and
 * Szegedy (2015). Sums are taken in double, in row order.
 *
 * <p>Each row pass runs on the Vector API when the JVM has it ({@link ElementWise#VECTOR}), a
 * vector of columns at a time ({@link VectorNormalization}), with the same bits: the plain loops
 * below take the columns it leaves (all of them without the module).
 */
public final class Normalization {
  private Normalization() {}

  /** μ_j = (1/N) Σ_i x_ij and the biased σ²_j = (1/N) Σ_i (x_ij − μ_j)², by two passes. */
  public static void columnMeanAndVariance(Matrix x, double[] mean, double[] variance) {
    columnMeanAndVariance(x, mean, variance, ElementWise.VECTOR);
  }

  /** {@link #columnMeanAndVariance(Matrix, double[], double[])} on the kernels given. */
  static void columnMeanAndVariance(Matrix x, double[] mean, double[] variance, boolean vector) {
    int n = x.rows();
    int d = x.cols();
    float[] v = x.data();
    java.util.Arrays.fill(mean, 0, d, 0);
    java.util.Arrays.fill(variance, 0, d, 0);
    addColumns(v, d, mean, vector ? VectorNormalization.addColumns(v, d, mean) : 0);
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    addSquaredDeviations(
        v,
        d,
        mean,
        variance,
        vector ? VectorNormalization.addSquaredDeviations(v, d, mean, variance) : 0);
    for (int j = 0; j < d; j++) {
      variance[j] /= n;
    }
  }

  /** sums[j] += Σ_rows v[row][j] for the columns j from {@code from} on. */
  static void addColumns(float[] v, int d, double[] sums, int from) {
    for (int base = 0; base < v.length; base += d) {
      for (int j = from; j < d; j++) {
        sums[j] += v[base + j];
      }
    }
  }

  /** sums[j] += Σ_rows (v[row][j] − mean[j])² for the columns j from {@code from} on. */
  static void addSquaredDeviations(float[] v, int d, double[] mean, double[] sums, int from) {
    for (int base = 0; base < v.length; base += d) {
      for (int j = from; j < d; j++) {
        double c = v[base + j] - mean[j];
        sums[j] += c * c;
      }
    }
  }

  /**
   * x̂_ij = (x_ij − μ_j)·s_j and y_ij = γ_j·x̂_ij + β_j, where s_j = 1/√(σ²_j + ε) is given.
   *
   * @param normalized receives x̂ (may be null when only y is wanted)
   */
  public static void normalize(
      Matrix x,
      float[] mean,
      float[] inverseStd,
      Matrix gamma,
      Matrix beta,
      Matrix normalized,
      Matrix out) {
    normalize(x, mean, inverseStd, gamma, beta, normalized, out, ElementWise.VECTOR);
  }

  /**
   * {@link #normalize(Matrix, float[], float[], Matrix, Matrix, Matrix, Matrix)} on the kernels
   * given.
   */
  static void normalize(
      Matrix x,
      float[] mean,
      float[] inverseStd,
      Matrix gamma,
      Matrix beta,
      Matrix normalized,
      Matrix out,
      boolean vector) {
    int d = x.cols();
    float[] v = x.data();
    float[] o = out.data();
    float[] g = gamma.data();
    float[] b = beta.data();
    float[] xn = normalized == null ? null : normalized.data();
    int from = vector ? VectorNormalization.normalize(v, d, mean, inverseStd, g, b, xn, o) : 0;
    for (int base = 0; base < v.length; base += d) {
      for (int j = from; j < d; j++) {
        float h = (v[base + j] - mean[j]) * inverseStd[j];
        if (xn != null) {
          xn[base + j] = h;
        }
        o[base + j] = g[j] * h + b[j];
      }
    }
  }

  /**
   * The backward pass of training-mode normalisation, for N rows and G = ∂L/∂y: ∂L/∂β_j = Σ_i G_ij,
   * ∂L/∂γ_j = Σ_i G_ij·x̂_ij and ∂L/∂x_ij = (γ_j·s_j/N)·(N·G_ij − ∂L/∂β_j − x̂_ij·∂L/∂γ_j). The
   * factor γ_j·s_j/N is computed once per column, into {@code scale}.
   *
   * @param sumG scratch of at least d values
   * @param sumGx scratch of at least d values
   * @param scale scratch of at least d values
   */
  public static void backward(
      Matrix dout,
      Matrix normalized,
      Matrix gamma,
      float[] inverseStd,
      Matrix dx,
      Matrix dGamma,
      Matrix dBeta,
      double[] sumG,
      double[] sumGx,
      double[] scale) {
    backward(
        dout,
        normalized,
        gamma,
        inverseStd,
        dx,
        dGamma,
        dBeta,
        sumG,
        sumGx,
        scale,
        ElementWise.VECTOR);
  }

  /** {@link #backward} on the kernels given. */
  static void backward(
      Matrix dout,
      Matrix normalized,
      Matrix gamma,
      float[] inverseStd,
      Matrix dx,
      Matrix dGamma,
      Matrix dBeta,
      double[] sumG,
      double[] sumGx,
      double[] scale,
      boolean vector) {
    int n = dout.rows();
    int d = dout.cols();
    float[] g = dout.data();
    float[] xn = normalized.data();
    java.util.Arrays.fill(sumG, 0, d, 0);
    java.util.Arrays.fill(sumGx, 0, d, 0);
    int from = vector ? VectorNormalization.addGradientSums(g, xn, d, sumG, sumGx) : 0;
    for (int base = 0; base < g.length; base += d) {
      for (int j = from; j < d; j++) {
        sumG[j] += g[base + j];
        sumGx[j] += (double) g[base + j] * xn[base + j];
      }
    }
    float[] gam = gamma.data();
    float[] out = dx.data();
    for (int j = 0; j < d; j++) {
      dBeta.data()[j] = (float) sumG[j];
      dGamma.data()[j] = (float) sumGx[j];
      scale[j] = gam[j] * inverseStd[j] / (double) n;
    }
    from = vector ? VectorNormalization.inputGradient(g, xn, n, d, sumG, sumGx, scale, out) : 0;
    for (int base = 0; base < g.length; base += d) {
      for (int j = from; j < d; j++) {
        out[base + j] =
            (float) (scale[j] * (n * (double) g[base + j] - sumG[j] - xn[base + j] * sumGx[j]));
      }
    }
  }
}
