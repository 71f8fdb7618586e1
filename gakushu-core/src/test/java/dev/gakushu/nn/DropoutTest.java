package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.tensor.Matrix;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class DropoutTest {
  private static final int ROWS = 200;
  private static final int COLS = 100;

  private static Matrix ones() {
    Matrix x = new Matrix(ROWS, COLS);
    x.fill(1f);
    return x;
  }

  /**
   * The kept count of n = 20,000 units is Binomial(n, 1 − ratio); five standard deviations bound it
   * for any seed with overwhelming probability.
   */
  @Property(tries = 30)
  void keepsAboutOneMinusRatioAndPreservesTheExpectedActivation(
      @ForAll @DoubleRange(min = 0.05, max = 0.9) double ratio, @ForAll long seed) {
    Dropout dropout = new Dropout(ratio, true, seed);
    Matrix y = dropout.forward(ones(), Mode.TRAIN);
    int n = ROWS * COLS;
    int kept = 0;
    double sum = 0;
    for (float v : y.data()) {
      if (v != 0) {
        kept++;
        assertThat(v).isEqualTo((float) (1 / (1 - ratio)));
      }
      sum += v;
    }
    double p = 1 - ratio;
    double sd = Math.sqrt(n * p * (1 - p));
    assertThat((double) kept).isBetween(n * p - 5 * sd, n * p + 5 * sd);
    // inverted dropout: E[y] = x; the mean of y is kept/n·1/(1−ratio)
    assertThat(sum / n).isCloseTo(1.0, org.assertj.core.data.Offset.offset(5 * sd / n / p));
  }

  @Test
  void evaluationIsDeterministicAndFollowsTheConvention() {
    Dropout inverted = new Dropout(0.2, true, 1);
    Dropout book = new Dropout(0.2, false, 1);
    Matrix x = ones();
    assertThat(inverted.forward(x, Mode.EVAL).data()).containsOnly(1f);
    Matrix first = inverted.forward(x, Mode.EVAL).copy();
    inverted.forward(x, Mode.TRAIN);
    // a training pass in between draws a mask; evaluation ignores it
    assertThat(inverted.forward(x, Mode.EVAL)).isEqualTo(first);
    assertThat(book.forward(x, Mode.EVAL).data()).containsOnly(0.8f);
    // the book's training pass keeps units unscaled
    assertThat(book.forward(x, Mode.TRAIN).data()).containsOnly(0f, 1f);
  }

  @Test
  void everyTrainingPassDrawsANewMaskUnlessHeld() {
    Dropout dropout = new Dropout(0.5, true, 3);
    Matrix first = dropout.forward(ones(), Mode.TRAIN).copy();
    Matrix second = dropout.forward(ones(), Mode.TRAIN).copy();
    assertThat(second).isNotEqualTo(first);
    dropout.holdMask(true);
    assertThat(dropout.forward(ones(), Mode.TRAIN)).isEqualTo(second);
    assertThat(dropout.passes()).isEqualTo(2);
  }

  @Test
  void masksDependOnlyOnTheSeedAndThePassNumber() {
    Dropout a = new Dropout(0.3, true, 11);
    Dropout b = new Dropout(0.3, true, 11);
    a.forward(ones(), Mode.TRAIN);
    Matrix secondOfA = a.forward(ones(), Mode.TRAIN).copy();
    b.setPasses(1);
    assertThat(b.forward(ones(), Mode.TRAIN)).isEqualTo(secondOfA);
  }

  @Test
  void backwardUsesTheSameMask() {
    Dropout dropout = new Dropout(0.5, true, 5);
    Matrix y = dropout.forward(ones(), Mode.TRAIN).copy();
    Matrix dx = dropout.backward(ones());
    assertThat(dx).isEqualTo(y);
  }
}
