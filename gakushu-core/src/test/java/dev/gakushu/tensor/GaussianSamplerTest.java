package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianSamplerTest {
  /** The polar method written out from the generator's own uniform draws. */
  @Test
  void drawsThePolarMethodsPairsInOrder() {
    GaussianSampler sampler = new GaussianSampler(new SplittableRandom(5));
    SplittableRandom reference = new SplittableRandom(5);
    for (int pair = 0; pair < 1000; pair++) {
      double u;
      double v;
      double s;
      do {
        u = 2 * reference.nextDouble() - 1;
        v = 2 * reference.nextDouble() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s == 0);
      double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
      assertThat(sampler.next()).isEqualTo(u * f);
      assertThat(sampler.next()).isEqualTo(v * f);
    }
  }

  @Test
  void theDrawsHaveMeanZeroVarianceOneAndNormalTails() {
    GaussianSampler sampler = new GaussianSampler(new SplittableRandom(11));
    int n = 400_000;
    double sum = 0;
    double squares = 0;
    int beyondTwo = 0;
    for (int i = 0; i < n; i++) {
      double z = sampler.next();
      sum += z;
      squares += z * z;
      beyondTwo += Math.abs(z) > 2 ? 1 : 0;
    }
    assertThat(sum / n).isCloseTo(0, within(0.01));
    assertThat(squares / n).isCloseTo(1, within(0.01));
    assertThat((double) beyondTwo / n).isCloseTo(0.0455, within(0.002)); // 2(1 − Φ(2))
  }

  /**
   * Pinned draws: they are part of every initial weight, so they may not change with the JDK (this
   * runs on JDK 17 and 25 in CI).
   */
  @Test
  void theDrawsArePinned() {
    GaussianSampler sampler = new GaussianSampler(new SplittableRandom(42));
    double[] first = new double[4];
    for (int i = 0; i < first.length; i++) {
      first[i] = sampler.next();
    }
    assertThat(first)
        .containsExactly(
            0x1.f8c80e851c08cp-2,
            -0x1.6354b5f7dce79p-1,
            -0x1.47f4af60c7f94p0,
            -0x1.cd98e78b167aep-1);
  }
}
