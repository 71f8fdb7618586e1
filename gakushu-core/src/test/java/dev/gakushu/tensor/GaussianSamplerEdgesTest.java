package dev.gakushu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The edges of the polar method's acceptance region, 0 &lt; s &lt; 1, with a generator that returns
 * chosen uniforms: a pair on the unit circle (s = 1) and the pair at its centre (s = 0) are drawn
 * again; the first pair inside is used.
 */
class GaussianSamplerEdgesTest {
  /** Returns the given uniforms in order. */
  private static RandomGenerator scripted(Double... uniforms) {
    ArrayDeque<Double> queue = new ArrayDeque<>(List.of(uniforms));
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("the sampler draws doubles only");
      }

      @Override
      public double nextDouble() {
        return queue.remove();
      }
    };
  }

  private static double[] pair(double u, double v) {
    double s = u * u + v * v;
    double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    return new double[] {u * f, v * f};
  }

  @Test
  void aPairOnTheUnitCircleIsDrawnAgain() {
    // U = 0, 0.5 gives (u, v) = (−1, 0), s = 1 exactly; then (0.5, −0.25)
    GaussianSampler sampler = new GaussianSampler(scripted(0.0, 0.5, 0.75, 0.375));
    double[] expected = pair(0.5, -0.25);
    assertThat(sampler.next()).isEqualTo(expected[0]);
    assertThat(sampler.next()).isEqualTo(expected[1]);
  }

  @Test
  void theCentreIsDrawnAgain() {
    // U = 0.5, 0.5 gives (0, 0), s = 0, where f would be 0·∞; then (−0.5, 0.25)
    GaussianSampler sampler = new GaussianSampler(scripted(0.5, 0.5, 0.25, 0.625));
    double[] expected = pair(-0.5, 0.25);
    assertThat(sampler.next()).isEqualTo(expected[0]);
    assertThat(sampler.next()).isEqualTo(expected[1]);
  }

  @Test
  void aPairJustInsideTheCircleIsUsedAndItsSecondDrawComesWithoutNewUniforms() {
    double below = Math.nextDown(1.0); // U = 1 − 2⁻⁵³ gives u = 1 − 2⁻⁵², s < 1
    GaussianSampler sampler = new GaussianSampler(scripted(below, 0.5, 0.75, 0.75));
    double[] expected = pair(2 * below - 1, 0);
    assertThat(sampler.next()).isEqualTo(expected[0]);
    assertThat(sampler.next()).isEqualTo(expected[1]); // 0·f: no uniform drawn
    double[] next = pair(0.5, 0.5);
    assertThat(sampler.next()).isEqualTo(next[0]);
    assertThat(sampler.next()).isEqualTo(next[1]);
  }
}
