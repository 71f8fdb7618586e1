package dev.gakushu.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row passes of {@link Normalization} on the Vector API, a vector of adjacent columns at a
 * time: each lane is one column and goes through the rows in order with the same operations as the
 * plain loop (sums in double, products of floats widened to double, no fused multiply-add), so the
 * bits are the same. Each method handles the columns up to the last whole vector and returns how
 * many; the plain loops do the rest. Only {@link Normalization} refers to this class, and only when
 * the module is present.
 */
final class VectorNormalization {
  private static final VectorSpecies<Double> DOUBLES = VectorWidth.DOUBLES;
  private static final VectorSpecies<Float> FLOATS = VectorWidth.FLOATS;

  /** Floats as many as {@link #DOUBLES} has lanes, in half its width. */
  private static final VectorSpecies<Float> HALF_FLOATS = VectorWidth.HALF_FLOATS;

  private VectorNormalization() {}

  private static DoubleVector widened(float[] v, int offset) {
    return (DoubleVector)
        FloatVector.fromArray(HALF_FLOATS, v, offset).convertShape(VectorOperators.F2D, DOUBLES, 0);
  }

  /** sums[j] += Σ_rows v[row][j], rows in order. */
  static int addColumns(float[] v, int d, double[] sums) {
    int whole = DOUBLES.loopBound(d);
    for (int j = 0; j < whole; j += DOUBLES.length()) {
      DoubleVector sum = DoubleVector.fromArray(DOUBLES, sums, j);
      for (int base = 0; base < v.length; base += d) {
        sum = sum.add(widened(v, base + j));
      }
      sum.intoArray(sums, j);
    }
    return whole;
  }

  /** sums[j] += Σ_rows (v[row][j] − mean[j])², rows in order. */
  static int addSquaredDeviations(float[] v, int d, double[] mean, double[] sums) {
    int whole = DOUBLES.loopBound(d);
    for (int j = 0; j < whole; j += DOUBLES.length()) {
      DoubleVector sum = DoubleVector.fromArray(DOUBLES, sums, j);
      DoubleVector mu = DoubleVector.fromArray(DOUBLES, mean, j);
      for (int base = 0; base < v.length; base += d) {
        DoubleVector c = widened(v, base + j).sub(mu);
        sum = sum.add(c.mul(c));
      }
      sum.intoArray(sums, j);
    }
    return whole;
  }

  /** h = (x − μ)·s, y = γ·h + β, element by element in float; h kept when xn is not null. */
  static int normalize(
      float[] v,
      int d,
      float[] mean,
      float[] inverseStd,
      float[] g,
      float[] b,
      float[] xn,
      float[] o) {
    int whole = FLOATS.loopBound(d);
    for (int j = 0; j < whole; j += FLOATS.length()) {
      FloatVector mu = FloatVector.fromArray(FLOATS, mean, j);
      FloatVector s = FloatVector.fromArray(FLOATS, inverseStd, j);
      FloatVector gamma = FloatVector.fromArray(FLOATS, g, j);
      FloatVector beta = FloatVector.fromArray(FLOATS, b, j);
      for (int base = 0; base < v.length; base += d) {
        FloatVector h = FloatVector.fromArray(FLOATS, v, base + j).sub(mu).mul(s);
        if (xn != null) {
          h.intoArray(xn, base + j);
        }
        gamma.mul(h).add(beta).intoArray(o, base + j);
      }
    }
    return whole;
  }

  /** sumG[j] += Σ_rows G, sumGx[j] += Σ_rows G·x̂ (in double), rows in order. */
  static int addGradientSums(float[] g, float[] xn, int d, double[] sumG, double[] sumGx) {
    int whole = DOUBLES.loopBound(d);
    for (int j = 0; j < whole; j += DOUBLES.length()) {
      DoubleVector sum = DoubleVector.fromArray(DOUBLES, sumG, j);
      DoubleVector product = DoubleVector.fromArray(DOUBLES, sumGx, j);
      for (int base = 0; base < g.length; base += d) {
        DoubleVector gradient = widened(g, base + j);
        sum = sum.add(gradient);
        product = product.add(gradient.mul(widened(xn, base + j)));
      }
      sum.intoArray(sumG, j);
      product.intoArray(sumGx, j);
    }
    return whole;
  }

  /** out = (float) (scale_j·(N·G − sumG_j − x̂·sumGx_j)), in double. */
  static int inputGradient(
      float[] g,
      float[] xn,
      int n,
      int d,
      double[] sumG,
      double[] sumGx,
      double[] scale,
      float[] out) {
    int whole = DOUBLES.loopBound(d);
    for (int j = 0; j < whole; j += DOUBLES.length()) {
      DoubleVector sum = DoubleVector.fromArray(DOUBLES, sumG, j);
      DoubleVector product = DoubleVector.fromArray(DOUBLES, sumGx, j);
      DoubleVector factor = DoubleVector.fromArray(DOUBLES, scale, j);
      for (int base = 0; base < g.length; base += d) {
        DoubleVector inner =
            widened(g, base + j).mul(n).sub(sum).sub(widened(xn, base + j).mul(product));
        ((FloatVector) factor.mul(inner).convertShape(VectorOperators.D2F, HALF_FLOATS, 0))
            .intoArray(out, base + j);
      }
    }
    return whole;
  }
}
