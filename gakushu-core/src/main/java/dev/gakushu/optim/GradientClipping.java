package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import java.util.List;

/**
 * Clipping by global norm, as PyTorch's {@code clip_grad_norm_}: with ‖g‖ = √(Σ over every
 * parameter of Σ g²), if ‖g‖ &gt; c every gradient is multiplied by c / (‖g‖ + 1e-6).
 */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * Scales the gradients in place when their global norm exceeds {@code maxNorm}.
   *
   * @return the global norm before clipping
   */
  public static double clipGlobalNorm(List<Param> params, double maxNorm) {
    double squares = 0;
    for (Param p : params) {
      for (float g : p.grad().data()) {
        squares += (double) g * g;
      }
    }
    double norm = Math.sqrt(squares);
    double coefficient = maxNorm / (norm + 1e-6);
    if (coefficient < 1) {
      float c = (float) coefficient;
      for (Param p : params) {
        float[] g = p.grad().data();
        for (int i = 0; i < g.length; i++) {
          g[i] *= c;
        }
      }
    }
    return norm;
  }
}
