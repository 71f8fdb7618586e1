package dev.gakushu.optim;

import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.FixedMath;

/**
 * The Adam update of one parameter (Kingma and Ba, 2015), shared by {@link Adam} and {@link AdamW},
 * in PyTorch's form or the book's.
 *
 * <pre>
 * input:  learning rate η, β1, β2, ε, step t (from 1), parameters θ, gradients g
 * init:   m ← 0, v ← 0, v_max ← 0
 * loop:   m ← β1·m + (1 − β1)·g
 *         v ← β2·v + (1 − β2)·g⊙g
 *         u ← max(v_max, v) and v_max ← u with AMSGrad (Reddi et al., 2018), else u ← v
 *   PyTorch: θ ← θ − (η / (1 − β1^t)) · m / (√u / √(1 − β2^t) + ε)        ε = 1e-8
 *   book:    θ ← θ − η_t · m / (√u + ε),  η_t = η·√(1 − β2^t) / (1 − β1^t)  ε = 1e-7
 * </pre>
 *
 * The book's form (the paper's "efficient" variant, section 2) adds ε to √v of the uncorrected v,
 * so it is not numerically the same as PyTorch's m̂ / (√v̂ + ε); the two differ in how ε is scaled.
 * The book writes the moment updates as m ← m + (1 − β1)(g − m), which is what this class computes
 * in the book form.
 */
final class AdamRule {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final boolean amsgrad;
  private final boolean bookForm;

  AdamRule(double beta1, double beta2, double epsilon, boolean amsgrad, boolean bookForm) {
    this.beta1 = OptimizerSetting.BETA1.require(beta1);
    this.beta2 = OptimizerSetting.BETA2.require(beta2);
    this.epsilon = OptimizerSetting.EPS.require(epsilon);
    this.amsgrad = amsgrad;
    this.bookForm = bookForm;
  }

  /** The state buffers this rule keeps per parameter. */
  String[] bufferNames() {
    return amsgrad ? new String[] {"m", "v", "v_max"} : new String[] {"m", "v"};
  }

  /**
   * @param t the step number, from 1
   */
  void update(float[] w, float[] g, float[][] state, double learningRate, long t) {
    float[] m = state[0];
    float[] v = state[1];
    float[] vMax = amsgrad ? state[2] : v;
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float oneMinusB1 = (float) (1 - beta1);
    float oneMinusB2 = (float) (1 - beta2);
    float eps = (float) epsilon;
    double correction1 = 1 - FixedMath.pow(beta1, t);
    double correction2 = 1 - FixedMath.pow(beta2, t);
    if (bookForm) {
      float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
      int from =
          ElementWise.VECTOR
              ? VectorUpdates.adamBook(w, g, m, v, vMax, oneMinusB1, oneMinusB2, stepSize, eps)
              : 0;
      bookPlain(w, g, m, v, vMax, oneMinusB1, oneMinusB2, stepSize, eps, from);
    } else {
      float stepSize = (float) (learningRate / correction1);
      float sqrtCorrection2 = (float) Math.sqrt(correction2);
      int from =
          ElementWise.VECTOR
              ? VectorUpdates.adam(
                  w, g, m, v, vMax, b1, oneMinusB1, b2, oneMinusB2, stepSize, sqrtCorrection2, eps)
              : 0;
      pytorchPlain(
          w, g, m, v, vMax, b1, oneMinusB1, b2, oneMinusB2, stepSize, sqrtCorrection2, eps, from);
    }
  }

  /**
   * PyTorch's form for the elements from {@code from} on; stepSize is η / (1 − β1^t) and
   * sqrtCorrection2 √(1 − β2^t). vMax is v without AMSGrad.
   */
  static void pytorchPlain(
      float[] w,
      float[] g,
      float[] m,
      float[] v,
      float[] vMax,
      float b1,
      float oneMinusB1,
      float b2,
      float oneMinusB2,
      float stepSize,
      float sqrtCorrection2,
      float eps,
      int from) {
    for (int i = from; i < w.length; i++) {
      m[i] = b1 * m[i] + oneMinusB1 * g[i];
      v[i] = b2 * v[i] + oneMinusB2 * g[i] * g[i];
      vMax[i] = Math.max(vMax[i], v[i]);
      float denominator = (float) Math.sqrt(vMax[i]) / sqrtCorrection2 + eps;
      w[i] -= stepSize * (m[i] / denominator);
    }
  }

  /**
   * The book's form for the elements from {@code from} on; stepSize is η_t. vMax is v without
   * AMSGrad.
   */
  static void bookPlain(
      float[] w,
      float[] g,
      float[] m,
      float[] v,
      float[] vMax,
      float oneMinusB1,
      float oneMinusB2,
      float stepSize,
      float eps,
      int from) {
    for (int i = from; i < w.length; i++) {
      m[i] += oneMinusB1 * (g[i] - m[i]);
      v[i] += oneMinusB2 * (g[i] * g[i] - v[i]);
      vMax[i] = Math.max(vMax[i], v[i]);
      w[i] -= stepSize * m[i] / ((float) Math.sqrt(vMax[i]) + eps);
    }
  }

  @Override
  public String toString() {
    return "beta1="
        + beta1
        + ", beta2="
        + beta2
        + ", eps="
        + epsilon
        + ", amsgrad="
        + amsgrad
        + ", form="
        + (bookForm ? "book" : "pytorch");
  }
}
