package dev.gakushu.optim;

import dev.gakushu.nn.Param;

/**
 * Adam, Kingma and Ba (2015), with optional AMSGrad. (PyTorch's coupled {@code weight_decay} is
 * {@link dev.gakushu.nn.WeightDecay} here, part of the objective.) The update rule and the
 * difference between PyTorch's form and the book's are in {@link AdamRule}. State buffers: {@code
 * m}, {@code v} and, with AMSGrad, {@code v_max}; the step count t is the optimizer's (the book
 * keeps one counter, PyTorch one per parameter; they are equal here because every parameter steps
 * together).
 */
public final class Adam extends AbstractOptimizer {
  private final AdamRule rule;

  public Adam(
      double learningRate,
      double beta1,
      double beta2,
      double epsilon,
      boolean amsgrad,
      boolean bookForm) {
    this(new AdamRule(beta1, beta2, epsilon, amsgrad, bookForm), learningRate);
  }

  private Adam(AdamRule rule, double learningRate) {
    super(OptimizerKind.ADAM, learningRate, rule.bufferNames());
    this.rule = rule;
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    rule.update(w, g, state, learningRate, steps);
  }

  @Override
  String settings() {
    return rule.toString();
  }
}
