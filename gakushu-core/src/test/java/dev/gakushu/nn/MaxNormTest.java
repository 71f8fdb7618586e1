package dev.gakushu.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.gakushu.tensor.Matrix;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MaxNormTest {
  /** The L2 norm of column j, in double. */
  private static double columnNorm(Matrix w, int j) {
    double sum = 0;
    for (int r = 0; r < w.rows(); r++) {
      sum += (double) w.get(r, j) * w.get(r, j);
    }
    return Math.sqrt(sum);
  }

  @Test
  void scalesOnlyTheColumnsAboveTheBoundDownToIt() {
    // column 0 has norm 5 (3, 4), column 1 norm 1 (0.6, 0.8): bound 2 scales column 0 by 2/5
    Matrix w = Matrix.of(2, 2, 3f, 0.6f, 4f, 0.8f);
    Param p = new Param("dense1.W", Param.Role.WEIGHT, w);
    Param b = new Param("dense1.b", Param.Role.BIAS, Matrix.of(1, 2, 10f, -10f));
    MaxNorm.apply(List.of(p, b), 2);
    assertThat(w.data()).containsExactly(1.2f, 0.6f, 1.6f, 0.8f);
    assertThat(b.value().data()).containsExactly(10f, -10f);
  }

  @Property(tries = 200)
  void everyColumnEndsWithinTheBoundAndColumnsWithinItAreUntouched(
      @ForAll @IntRange(min = 1, max = 9) int rows,
      @ForAll @IntRange(min = 1, max = 9) int cols,
      @ForAll @DoubleRange(min = 0.01, max = 10) double c,
      @ForAll long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    Matrix w = new Matrix(rows, cols);
    for (int i = 0; i < w.size(); i++) {
      w.data()[i] = (float) (random.nextGaussian() * 3);
    }
    Matrix before = w.copy();
    MaxNorm.constrainColumns(w, c);
    for (int j = 0; j < cols; j++) {
      double n = columnNorm(before, j);
      if (n <= c) {
        for (int r = 0; r < rows; r++) {
          assertThat(w.get(r, j)).isEqualTo(before.get(r, j));
        }
      } else {
        assertThat(columnNorm(w, j)).isCloseTo(c, offset(1e-5 * c));
        for (int r = 0; r < rows; r++) {
          assertThat((double) w.get(r, j)).isCloseTo(before.get(r, j) * c / n, offset(1e-6 * c));
        }
      }
    }
  }
}
