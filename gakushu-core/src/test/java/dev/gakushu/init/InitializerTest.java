package dev.gakushu.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gakushu.tensor.Matrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitializerTest {
  private static final int FAN_IN = 300;
  private static final int FAN_OUT = 200;

  private static Matrix filled(Initializer init, long seed) {
    Matrix w = new Matrix(FAN_IN, FAN_OUT);
    init.fill(w, new SplittableRandom(seed));
    return w;
  }

  private static double std(Matrix w) {
    double sum = 0;
    double squares = 0;
    for (float v : w.data()) {
      sum += v;
      squares += (double) v * v;
    }
    double mean = sum / w.size();
    return Math.sqrt(squares / w.size() - mean * mean);
  }

  /** Expected standard deviations from the formulas; 60,000 draws pin them to about 0.5 %. */
  @ParameterizedTest
  @CsvSource({
    "xavier,         0.0577350269", // √(1/300)
    "glorot-normal,  0.0632455532", // √(2/500)
    "glorot-uniform, 0.0632455532", // a = √(6/500), std = a/√3
    "he,             0.0816496581", // √(2/300)
    "he-uniform,     0.0816496581", // a = √(6/300), std = a/√3
  })
  void spreadFollowsTheFormula(String id, double expectedStd) {
    Matrix w = filled(InitScheme.byId(id).initializer(Double.NaN), 1);
    assertThat(std(w)).isCloseTo(expectedStd, within(expectedStd * 0.02));
  }

  @Test
  void uniformFormsStayWithinTheirBound() {
    double bound = Math.sqrt(6.0 / FAN_IN);
    for (float v : filled(Initializer.heUniform(), 2).data()) {
      assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
    }
  }

  @Test
  void normalUsesTheGivenStdAndZerosAreZero() {
    assertThat(std(filled(Initializer.normal(0.01), 3))).isCloseTo(0.01, within(2e-4));
    assertThat(filled(Initializer.zeros(), 3).data()).containsOnly(0f);
  }

  @Test
  void theSameSeedGivesTheSameWeights() {
    assertThat(filled(Initializer.he(), 9)).isEqualTo(filled(Initializer.he(), 9));
    assertThat(filled(Initializer.he(), 9)).isNotEqualTo(filled(Initializer.he(), 10));
  }

  @Test
  void rejectsANegativeStdButTakesZero() {
    assertThatThrownBy(() -> Initializer.normal(-1)).hasMessageContaining("-1");
    assertThat(filled(Initializer.normal(0), 3).data()).containsOnly(0f);
  }

  @Test
  void everySchemeHasAnId() {
    assertThat(InitScheme.ids())
        .isEqualTo("zeros, normal, xavier, glorot-normal, glorot-uniform, he, he-uniform");
    assertThat(InitScheme.byId("GLOROT-Uniform")).isEqualTo(InitScheme.GLOROT_UNIFORM);
    assertThat(InitScheme.byId("kaiming")).isNull();
  }
}
