package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gakushu.Conventions;
import dev.gakushu.Fixtures;
import dev.gakushu.tensor.Matrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BatchNorm against PyTorch's BatchNorm1d and against the book's BatchNormalization
 * (tools/reference/batchnorm.py): training output, gradients, running statistics after several
 * batches, evaluation output.
 */
class BatchNormTest {
  /** Four BatchNorm batches in float32 against PyTorch and NumPy float32. */
  private static final double RTOL = 1e-5;

  private static final double ATOL = 1e-7;

  private static final JsonNode FIXTURE = Fixtures.load("batchnorm.json");
  private static final int D = FIXTURE.get("features").asInt();

  private static Matrix rows(JsonNode values) {
    float[] v = Fixtures.floats(values);
    return Matrix.wrap(v.length / D, D, v);
  }

  private static void agree(String what, float[] actual, JsonNode expected) {
    Fixtures.assertAllClose(what, actual, Fixtures.floats(expected), RTOL, ATOL);
  }

  @ParameterizedTest
  @EnumSource(Conventions.class)
  void matchesTheReference(Conventions conventions) {
    JsonNode expected = FIXTURE.get(conventions == Conventions.BOOK ? "book" : "pytorch");
    BatchNorm bn =
        new BatchNorm(
            "bn1", D, Conventions.BATCH_NORM_MOMENTUM, conventions.batchNormEpsilon, conventions);
    System.arraycopy(
        Fixtures.floats(FIXTURE.get("gamma")), 0, bn.params().get(0).value().data(), 0, D);
    System.arraycopy(
        Fixtures.floats(FIXTURE.get("beta")), 0, bn.params().get(1).value().data(), 0, D);
    for (int k = 0; k < FIXTURE.get("batches").size(); k++) {
      Matrix y = bn.forward(rows(FIXTURE.get("batches").get(k)), Mode.TRAIN);
      if (k == 0) {
        agree("training output", y.data(), expected.get("train_output"));
        Matrix dx = bn.backward(rows(FIXTURE.get("upstream")));
        agree("dL/dx", dx.data(), expected.get("input_grad"));
        agree("dL/dgamma", bn.params().get(0).grad().data(), expected.get("gamma_grad"));
        agree("dL/dbeta", bn.params().get(1).grad().data(), expected.get("beta_grad"));
      }
      agree(
          "running mean after batch " + (k + 1),
          bn.runningMean().data(),
          expected.get("running_mean").get(k));
      agree(
          "running var after batch " + (k + 1),
          bn.runningVariance().data(),
          expected.get("running_var").get(k));
    }
    agree(
        "evaluation output",
        bn.forward(rows(FIXTURE.get("eval_batch")), Mode.EVAL).data(),
        expected.get("eval_output"));
  }

  @Test
  void startsWithGammaOneBetaZeroAndConventionalRunningVariance() {
    BatchNorm pytorch = new BatchNorm("bn1", 3, 0.1, 1e-5, Conventions.PYTORCH);
    assertThat(pytorch.params().get(0).value().data()).containsOnly(1f);
    assertThat(pytorch.params().get(1).value().data()).containsOnly(0f);
    assertThat(pytorch.params()).extracting(Param::name).containsExactly("bn1.gamma", "bn1.beta");
    assertThat(pytorch.runningVariance().data()).containsOnly(1f);
    assertThat(new BatchNorm("bn1", 3, 0.1, 1e-6, Conventions.BOOK).runningVariance().data())
        .containsOnly(0f);
  }

  /**
   * A batch of one row has variance 0 and no unbiased estimate (n/(n − 1) would be 1/0): the
   * running variance takes 0, (1 − 0.1)·1 + 0.1·0 = 0.9, and stays finite.
   */
  @Test
  void aBatchOfOneRowAddsAVarianceOfZeroToTheRunningVariance() {
    BatchNorm bn = new BatchNorm("bn1", 2, 0.1, 1e-5, Conventions.PYTORCH);
    bn.forward(Matrix.wrap(1, 2, new float[] {3, -4}), Mode.TRAIN);
    assertThat(bn.runningVariance().data()).containsExactly(0.9f, 0.9f);
    assertThat(bn.runningMean().data()).containsExactly(0.3f, -0.4f);
  }

  /**
   * In double precision the variance is the mean of squared deviations from the mean (two passes),
   * exact for a column far from zero where the mean of squares less the squared mean loses every
   * digit: 10¹⁷ ± 16 normalises to ±1 (the one-pass forms (x + μ)(x − μ) give variances near 0
   * there).
   */
  @Test
  void theDoublePrecisionPassNormalisesAColumnFarFromZero() {
    BatchNorm bn = new BatchNorm("bn1", 1, 0.1, 1e-12, Conventions.PYTORCH);
    double[][] x = {{1e17 + 16}, {1e17 - 16}, {1e17 + 16}, {1e17 - 16}};
    double[][] y = bn.forwardInDouble(x, p -> p == bn.gamma() ? new double[] {1} : new double[1]);
    for (int r = 0; r < x.length; r++) {
      assertThat(y[r][0])
          .as("row %d", r)
          .isCloseTo(r % 2 == 0 ? 1 : -1, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void trainingOutputHasZeroMeanAndUnitVariancePerColumn() {
    BatchNorm bn = new BatchNorm("bn1", D, 0.1, 1e-5, Conventions.PYTORCH);
    Matrix y = bn.forward(rows(FIXTURE.get("batches").get(1)), Mode.TRAIN);
    for (int j = 0; j < D; j++) {
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < y.rows(); i++) {
        sum += y.get(i, j);
        squares += (double) y.get(i, j) * y.get(i, j);
      }
      assertThat(sum / y.rows()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(squares / y.rows()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
    }
  }
}
