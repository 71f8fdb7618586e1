package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;

/**
 * Plain stochastic gradient descent.
 *
 * <pre>
 * input:  learning rate η, parameters θ, gradients g
 * loop:   θ ← θ − η·g
 * </pre>
 *
 * Identical in the book ({@code SGD.update}) and in PyTorch ({@code torch.optim.SGD} without
 * momentum).
 */
public final class Sgd extends AbstractOptimizer {
  /**
   * @param learningRate η, a finite number &gt; 0
   */
  public Sgd(double learningRate) {
    super(OptimizerKind.SGD, learningRate);
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    float eta = (float) learningRate;
    updatePlain(w, g, eta, ElementWise.VECTOR ? VectorUpdates.sgd(w, g, eta) : 0);
  }

  /** w ← w − η·g for the elements from {@code from} on. */
  static void updatePlain(float[] w, float[] g, float eta, int from) {
    for (int i = from; i < w.length; i++) {
      w[i] -= eta * g[i];
    }
  }

  @Override
  String settings() {
    return "";
  }
}
