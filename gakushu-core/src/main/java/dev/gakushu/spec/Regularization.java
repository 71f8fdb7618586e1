package dev.gakushu.spec;

/**
 * Penalties and constraints on the weight matrices (never biases, γ or β).
 *
 * @param weightDecay λ of the L2 penalty ½λ Σ_W ‖W‖² in the objective, >= 0. AdamW's decay is
 *     decoupled and is its own setting ({@link OptimizerSettings.AdamW#weightDecay()}), so with
 *     AdamW this is 0.
 * @param l1 λ of the L1 penalty λ Σ_W Σ|w| in the objective (no ½), >= 0; it combines with either
 *     weight decay
 * @param maxNorm c of the max-norm constraint, >= 0, 0 for none: after every optimizer step each
 *     unit's incoming weight vector (a column of W) whose L2 norm exceeds c is scaled down to norm
 *     c
 */
public record Regularization(double weightDecay, double l1, double maxNorm) {
  public Regularization {
    Check.nonNegative("regularization.weight_decay", weightDecay);
    Check.nonNegative("regularization.l1", l1);
    Check.nonNegative("regularization.max_norm", maxNorm);
  }

  /** Only the L2 penalty. */
  public Regularization(double weightDecay) {
    this(weightDecay, 0, 0);
  }
}
