package dev.gakushu.spec;

/**
 * Penalties on the weights that belong in the objective.
 *
 * @param weightDecay λ of the L2 penalty ½λ Σ_W ‖W‖² on the weight matrices (not biases, γ or β),
 *     >= 0. AdamW's decay is decoupled and is its own setting ({@link
 *     OptimizerSettings.AdamW#weightDecay()}), so with AdamW this is 0.
 */
public record Regularization(double weightDecay) {
  public Regularization {
    Check.nonNegative("regularization.weight_decay", weightDecay);
  }
}
