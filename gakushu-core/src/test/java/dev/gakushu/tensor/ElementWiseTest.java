package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ElementWiseTest {
  @Test
  void softmaxCrossEntropyIsStableForHugeLogits() {
    Matrix z = Matrix.of(2, 3, 1000f, 0f, -1000f, 1f, 2f, 3f);
    Matrix p = new Matrix(2, 3);
    double loss = ElementWise.softmaxCrossEntropy(z, new int[] {1, 2}, p);
    // row 0: −log softmax = 1000 − 0; row 1: log(e+e²+e³) − 3
    double expected = 1000 + (Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3);
    assertThat(loss).isCloseTo(expected, within(1e-9 * expected));
    assertThat(p.get(0, 0)).isEqualTo(1f);
    assertThat(p.get(1, 0) + p.get(1, 1) + p.get(1, 2)).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void crossEntropyGradientIsProbabilitiesMinusOneHotOverN() {
    Matrix p = Matrix.of(2, 2, 0.25f, 0.75f, 0.5f, 0.5f);
    Matrix g = new Matrix(2, 2);
    ElementWise.softmaxCrossEntropyGradient(p, new int[] {1, 0}, g);
    assertThat(g.data()).containsExactly(0.125f, -0.125f, -0.25f, 0.25f);
  }

  @Test
  void reluBackwardPassesGradientOnlyWherePositive() {
    Matrix x = Matrix.of(1, 3, -1f, 0f, 2f);
    Matrix dx = new Matrix(1, 3);
    ElementWise.reluBackward(x, Matrix.of(1, 3, 5f, 6f, 7f), dx);
    assertThat(dx.data()).containsExactly(0f, 0f, 7f);
  }

  @Test
  void columnSumsAddEveryRow() {
    Matrix sums = new Matrix(1, 2);
    ElementWise.columnSums(Matrix.of(3, 2, 1, 2, 3, 4, 5, 6), sums, new double[2]);
    assertThat(sums.data()).containsExactly(9f, 12f);
  }

  @Test
  void argmaxTakesTheFirstOfEqualMaxima() {
    int[] out = new int[2];
    ElementWise.argmaxRows(Matrix.of(2, 3, 1, 3, 3, 0, -1, -2), out);
    assertThat(out).containsExactly(1, 0);
  }
}
