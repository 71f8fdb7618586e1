package dev.gakushu.nn;

import java.util.List;
import java.util.function.Function;

/**
 * The L1 penalty λ Σ_W Σ|w| over the weight matrices (not biases, γ or β; no ½), as Keras' {@code
 * regularizers.L1(λ)} adds it to the loss. Its subgradient is λ·sign(w) with sign(0) = 0, which is
 * also what PyTorch's autograd gives for {@code λ·W.abs().sum()}.
 */
public final class L1Penalty {
  private L1Penalty() {}

  /** λ Σ |w| over the parameters whose role is {@link Param.Role#WEIGHT}. */
  public static double penalty(List<Param> params, double lambda) {
    if (lambda == 0) {
      return 0;
    }
    double sum = 0;
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        for (float w : p.value().data()) {
          sum += Math.abs(w);
        }
      }
    }
    return lambda * sum;
  }

  /** λ Σ |w| in double precision, with the weights' values taken from {@code values}. */
  public static double penaltyInDouble(
      List<Param> params, double lambda, Function<Param, double[]> values) {
    double sum = 0;
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        for (double w : values.apply(p)) {
          sum += Math.abs(w);
        }
      }
    }
    return lambda * sum;
  }

  /** g ← g + λ·sign(W) for every weight matrix, sign(0) = 0. */
  public static void addGradient(List<Param> params, double lambda) {
    if (lambda == 0) {
      return;
    }
    float l = (float) lambda;
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        float[] w = p.value().data();
        float[] g = p.grad().data();
        for (int i = 0; i < w.length; i++) {
          g[i] += l * Math.signum(w[i]);
        }
      }
    }
  }
}
