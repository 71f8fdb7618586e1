package dev.gakushu.nn;

import java.util.List;
import java.util.function.Function;

/**
 * L2 weight decay as the book's {@code MultiLayerNet} applies it: the objective gains ½λ Σ_W ‖W‖²
 * over the weight matrices (not biases, γ or β), and each weight's gradient gains λ·W. This is also
 * what PyTorch's coupled {@code weight_decay=λ} does to the gradient (for the weights it is given).
 * AdamW's decoupled decay is not this; it lives in AdamW.
 */
public final class WeightDecay {
  private WeightDecay() {}

  /** ½λ Σ ‖W‖² over the parameters whose role is {@link Param.Role#WEIGHT}. */
  public static double penalty(List<Param> params, double lambda) {
    if (lambda == 0) {
      return 0;
    }
    double squares = 0;
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        for (float w : p.value().data()) {
          squares += (double) w * w;
        }
      }
    }
    return 0.5 * lambda * squares;
  }

  /** ½λ Σ ‖W‖² in double precision, with the weights' values taken from {@code values}. */
  public static double penaltyInDouble(
      List<Param> params, double lambda, Function<Param, double[]> values) {
    double squares = 0;
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        for (double w : values.apply(p)) {
          squares += w * w;
        }
      }
    }
    return 0.5 * lambda * squares;
  }

  /** g ← g + λ·W for every weight matrix. */
  public static void addGradient(List<Param> params, double lambda) {
    if (lambda == 0) {
      return;
    }
    float l = (float) lambda;
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        dev.gakushu.tensor.ElementWise.addScaled(p.grad(), l, p.value());
      }
    }
  }
}
