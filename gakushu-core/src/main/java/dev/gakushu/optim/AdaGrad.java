package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;

/**
 * AdaGrad, Duchi, Hazan and Singer (2011): a per-element step that shrinks with the sum of that
 * element's squared gradients.
 *
 * <pre>
 * input:  learning rate η, ε, parameters θ, gradients g
 * init:   h ← 0
 * loop:   h ← h + g⊙g
 *         θ ← θ − η·g / (√h + ε)
 * </pre>
 *
 * ε is 1e-10 in PyTorch ({@code torch.optim.Adagrad}, with lr_decay 0 and initial accumulator 0)
 * and 1e-7 in the book. State buffer: {@code sum_squares} (h).
 */
public final class AdaGrad extends AbstractOptimizer {
  private final double epsilon;

  public AdaGrad(double learningRate, double epsilon) {
    super(OptimizerKind.ADAGRAD, learningRate, "sum_squares");
    this.epsilon = OptimizerSetting.EPS.require(epsilon);
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    float[] h = state[0];
    float eta = (float) learningRate;
    float eps = (float) epsilon;
    updatePlain(
        w, g, h, eta, eps, ElementWise.VECTOR ? VectorUpdates.adaGrad(w, g, h, eta, eps) : 0);
  }

  /** The update for the elements from {@code from} on. */
  static void updatePlain(float[] w, float[] g, float[] h, float eta, float eps, int from) {
    for (int i = from; i < w.length; i++) {
      h[i] += g[i] * g[i];
      w[i] -= eta * g[i] / ((float) Math.sqrt(h[i]) + eps);
    }
  }

  @Override
  String settings() {
    return "eps=" + epsilon;
  }
}
