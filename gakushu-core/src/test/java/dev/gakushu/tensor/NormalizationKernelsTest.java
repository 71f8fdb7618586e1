package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Normalization}'s passes, on the Vector API and on the plain loops, against the formulas
 * computed element by element in the same order (sums in double, in row order), bit for bit, for
 * widths that are and are not a whole number of vectors.
 */
class NormalizationKernelsTest {
  private static Matrix random(int rows, int cols, SplittableRandom random) {
    Matrix m = new Matrix(rows, cols);
    for (int i = 0; i < m.size(); i++) {
      m.data()[i] = (float) (random.nextGaussian() * 3 + 0.5);
    }
    return m;
  }

  /** Scratch that the kernels must clear before use. */
  private static double[] sevens(int length) {
    double[] v = new double[length];
    java.util.Arrays.fill(v, 7);
    return v;
  }

  private static float[] randomFloats(int length, SplittableRandom random) {
    float[] v = new float[length];
    for (int i = 0; i < length; i++) {
      v[i] = (float) (random.nextDouble() + 0.25);
    }
    return v;
  }

  @Property(tries = 60)
  void forwardGivesTheFormulasBits(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 40) int d,
      @ForAll boolean vector,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Matrix x = random(n, d, random);
    double[] mean = new double[d];
    double[] variance = new double[d];
    java.util.Arrays.fill(mean, 7); // cleared before use
    java.util.Arrays.fill(variance, 7);
    Normalization.columnMeanAndVariance(x, mean, variance, vector);
    double[] meanViaPublic = new double[d];
    double[] varianceViaPublic = new double[d];
    Normalization.columnMeanAndVariance(x, meanViaPublic, varianceViaPublic);
    assertThat(meanViaPublic).containsExactly(mean);
    assertThat(varianceViaPublic).containsExactly(variance);
    for (int j = 0; j < d; j++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += x.get(i, j);
      }
      double mu = sum / n;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double c = x.get(i, j) - mu;
        squares += c * c;
      }
      assertThat(mean[j]).as("mean %d", j).isEqualTo(mu);
      assertThat(variance[j]).as("variance %d", j).isEqualTo(squares / n);
    }

    float[] meanF = randomFloats(d, random);
    float[] inverseStd = randomFloats(d, random);
    Matrix gamma = Matrix.wrap(1, d, randomFloats(d, random));
    Matrix beta = Matrix.wrap(1, d, randomFloats(d, random));
    Matrix normalized = new Matrix(n, d);
    Matrix out = new Matrix(n, d);
    Normalization.normalize(x, meanF, inverseStd, gamma, beta, normalized, out, vector);
    Matrix outOnly = new Matrix(n, d);
    Normalization.normalize(x, meanF, inverseStd, gamma, beta, null, outOnly, vector);
    Matrix outViaPublic = new Matrix(n, d);
    Normalization.normalize(x, meanF, inverseStd, gamma, beta, null, outViaPublic);
    assertThat(outViaPublic.data()).containsExactly(outOnly.data());
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        float h = (x.get(i, j) - meanF[j]) * inverseStd[j];
        float y = gamma.get(0, j) * h + beta.get(0, j);
        assertThat(normalized.get(i, j)).as("x̂ %d %d", i, j).isEqualTo(h);
        assertThat(out.get(i, j)).as("y %d %d", i, j).isEqualTo(y);
        assertThat(outOnly.get(i, j)).as("y alone %d %d", i, j).isEqualTo(y);
      }
    }
  }

  @Property(tries = 60)
  void backwardGivesTheFormulasBits(
      @ForAll @IntRange(min = 1, max = 20) int n,
      @ForAll @IntRange(min = 1, max = 40) int d,
      @ForAll boolean vector,
      @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Matrix dout = random(n, d, random);
    Matrix normalized = random(n, d, random);
    Matrix gamma = Matrix.wrap(1, d, randomFloats(d, random));
    float[] inverseStd = randomFloats(d, random);
    Matrix dx = new Matrix(n, d);
    Matrix dGamma = new Matrix(1, d);
    Matrix dBeta = new Matrix(1, d);
    Normalization.backward(
        dout,
        normalized,
        gamma,
        inverseStd,
        dx,
        dGamma,
        dBeta,
        sevens(d),
        sevens(d),
        sevens(d),
        vector);
    Matrix dxViaPublic = new Matrix(n, d);
    Normalization.backward(
        dout,
        normalized,
        gamma,
        inverseStd,
        dxViaPublic,
        new Matrix(1, d),
        new Matrix(1, d),
        new double[d],
        new double[d],
        new double[d]);
    assertThat(dxViaPublic.data()).containsExactly(dx.data());
    for (int j = 0; j < d; j++) {
      double sumG = 0;
      double sumGx = 0;
      for (int i = 0; i < n; i++) {
        sumG += dout.get(i, j);
        sumGx += (double) dout.get(i, j) * normalized.get(i, j);
      }
      assertThat(dBeta.get(0, j)).as("dβ %d", j).isEqualTo((float) sumG);
      assertThat(dGamma.get(0, j)).as("dγ %d", j).isEqualTo((float) sumGx);
      double scale = gamma.get(0, j) * inverseStd[j] / (double) n;
      for (int i = 0; i < n; i++) {
        float expected =
            (float) (scale * (n * (double) dout.get(i, j) - sumG - normalized.get(i, j) * sumGx));
        assertThat(dx.get(i, j)).as("dx %d %d", i, j).isEqualTo(expected);
      }
    }
  }

  @Test
  void plainPassesStartAtTheGivenColumn() {
    float[] v = {1, 2, 3, 4, 5, 6}; // 2 rows of 3
    double[] sums = {-1, -1, -1};
    Normalization.addColumns(v, 3, sums, 1);
    assertThat(sums).containsExactly(-1, 6, 8);
    double[] squares = {-1, -1, -1};
    Normalization.addSquaredDeviations(v, 3, new double[] {0, 3.5, 4.5}, squares, 2);
    assertThat(squares).containsExactly(-1, -1, -1 + 2.25 + 2.25);
  }
}
