package dev.gakushu.init;

import dev.gakushu.tensor.Matrix;
import java.util.random.RandomGenerator;

/** w ~ U(−a, a) with a given by a {@link ScaleRule}. */
record Uniform(String describe, ScaleRule bound) implements Initializer {
  @Override
  public void fill(Matrix weights, RandomGenerator random) {
    double a = bound.scale(weights.rows(), weights.cols());
    float[] w = weights.data();
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (a * (2 * random.nextDouble() - 1));
    }
  }
}
