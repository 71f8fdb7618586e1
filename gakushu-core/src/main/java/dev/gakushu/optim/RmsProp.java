package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;

/**
 * RMSprop, Tieleman and Hinton (2012, Coursera lecture 6.5): AdaGrad with an exponentially decaying
 * average of squared gradients instead of their sum.
 *
 * <pre>
 * input:  learning rate η, decay ρ, ε, parameters θ, gradients g
 * init:   h ← 0
 * loop:   h ← ρ·h + (1 − ρ)·g⊙g
 *         θ ← θ − η·g / (√h + ε)
 * </pre>
 *
 * ρ is {@code alpha} in PyTorch ({@code torch.optim.RMSprop}, default 0.99, ε 1e-8, no momentum,
 * not centred) and {@code decay_rate} in the book (0.99, ε 1e-7). State buffer: {@code square_avg}
 * (h).
 */
public final class RmsProp extends AbstractOptimizer {
  private final double rho;
  private final double epsilon;

  public RmsProp(double learningRate, double rho, double epsilon) {
    super(OptimizerKind.RMSPROP, learningRate, "square_avg");
    this.rho = OptimizerSetting.RHO.require(rho);
    this.epsilon = OptimizerSetting.EPS.require(epsilon);
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    float[] h = state[0];
    float eta = (float) learningRate;
    float decay = (float) rho;
    float rest = (float) (1 - rho);
    float eps = (float) epsilon;
    int from = ElementWise.VECTOR ? VectorUpdates.rmsProp(w, g, h, eta, decay, rest, eps) : 0;
    updatePlain(w, g, h, eta, decay, rest, eps, from);
  }

  /** The update for the elements from {@code from} on; rest is 1 − ρ. */
  static void updatePlain(
      float[] w, float[] g, float[] h, float eta, float decay, float rest, float eps, int from) {
    for (int i = from; i < w.length; i++) {
      h[i] = decay * h[i] + rest * g[i] * g[i];
      w[i] -= eta * g[i] / ((float) Math.sqrt(h[i]) + eps);
    }
  }

  @Override
  String settings() {
    return "rho=" + rho + ", eps=" + epsilon;
  }
}
