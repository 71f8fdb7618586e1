package dev.gakushu.init;

import dev.gakushu.tensor.GaussianSampler;
import dev.gakushu.tensor.Matrix;
import java.util.random.RandomGenerator;

/** w ~ N(0, σ²) with σ given by a {@link ScaleRule}. */
record Gaussian(String describe, ScaleRule std) implements Initializer {
  static Gaussian fixed(String name, double std) {
    return new Gaussian(name, (fanIn, fanOut) -> std);
  }

  @Override
  public void fill(Matrix weights, RandomGenerator random) {
    double sigma = std.scale(weights.rows(), weights.cols());
    GaussianSampler normal = new GaussianSampler(random);
    float[] w = weights.data();
    for (int i = 0; i < w.length; i++) {
      w[i] = sigma == 0 ? 0f : (float) (sigma * normal.next());
    }
  }
}
