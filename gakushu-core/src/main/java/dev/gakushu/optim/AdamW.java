package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;

/**
 * AdamW, Loshchilov and Hutter (2019): Adam with decoupled weight decay.
 *
 * <pre>
 * loop:   θ ← θ·(1 − η·λ)          (weights only)
 *         then the Adam update of {@link AdamRule} with the undecayed gradient g
 * </pre>
 *
 * As PyTorch's {@code torch.optim.AdamW} (default λ = 0.01), except that biases are not decayed (in
 * PyTorch, a parameter group without decay for them).
 */
public final class AdamW extends AbstractOptimizer {
  private final AdamRule rule;
  private final double weightDecay;

  /**
   * @param weightDecay λ, decoupled, a finite number &gt;= 0 (PyTorch's default is 0.01)
   */
  public AdamW(
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      double weightDecay,
      boolean amsgrad,
      boolean bookForm) {
    this(new AdamRule(beta1, beta2, epsilon, amsgrad, bookForm), learningRate, weightDecay);
  }

  private AdamW(AdamRule rule, double learningRate, double weightDecay) {
    super(OptimizerKind.ADAMW, learningRate, rule.bufferNames());
    this.rule = rule;
    this.weightDecay = OptimizerSetting.WEIGHT_DECAY.require(weightDecay);
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    if (param.role() == Param.Role.WEIGHT && weightDecay > 0) {
      float keep = (float) (1 - learningRate * weightDecay);
      decayPlain(w, keep, ElementWise.VECTOR ? VectorUpdates.decay(w, keep) : 0);
    }
    rule.update(w, g, state, learningRate, steps);
  }

  /** w ← w·keep for the elements from {@code from} on. */
  static void decayPlain(float[] w, float keep, int from) {
    for (int i = from; i < w.length; i++) {
      w[i] *= keep;
    }
  }

  @Override
  String settings() {
    return rule + ", weight_decay=" + weightDecay;
  }
}
