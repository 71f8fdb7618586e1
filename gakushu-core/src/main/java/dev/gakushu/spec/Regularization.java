package dev.gakushu.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;
import java.util.Set;

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
  private static final Set<String> FIELDS = Set.of("weight_decay", "l1", "max_norm");

  public Regularization {
    Check.nonNegative("regularization.weight_decay", weightDecay);
    Check.nonNegative("regularization.l1", l1);
    Check.nonNegative("regularization.max_norm", maxNorm);
  }

  /** Only the L2 penalty. */
  public Regularization(double weightDecay) {
    this(weightDecay, 0, 0);
  }

  /**
   * The JSON form: weight_decay is required; l1 and max_norm, absent from specifications written
   * before they existed, default to 0 (off).
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Regularization fromJson(Map<String, Double> fields) {
    for (String name : fields.keySet()) {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "regularization: unknown field '" + name + "'; expected weight_decay, l1, max_norm");
      }
    }
    return new Regularization(
        Check.present("regularization.weight_decay", fields.get("weight_decay")),
        optional(fields, "l1"),
        optional(fields, "max_norm"));
  }

  private static double optional(Map<String, Double> fields, String name) {
    return fields.containsKey(name) ? Check.present("regularization." + name, fields.get(name)) : 0;
  }
}
