package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;

/**
 * Nesterov's accelerated gradient (Nesterov 1983), in the reformulation of Sutskever et al. (2013)
 * and Bengio et al. (arXiv:1212.0901) that needs the gradient at θ only.
 *
 * <pre>
 * input:  learning rate η, momentum μ, parameters θ, gradients g
 * init:   b ← 0 (PyTorch form) or v ← 0 (book form)
 * loop:   PyTorch ({@code SGD(momentum=μ, nesterov=True)}):  b ← μ·b + g;  θ ← θ − η·(g + μ·b)
 *   book    ({@code Nesterov.update}):  θ ← θ + μ²·v;  θ ← θ − (1+μ)·η·g;  v ← μ·v;  v ← v − η·g
 * </pre>
 *
 * The book moves θ with the old v; both forms agree for a constant η (v = −η·b). State buffer:
 * {@code velocity}.
 */
public final class Nesterov extends AbstractOptimizer {
  private final double momentum;
  private final boolean bookForm;

  public Nesterov(double learningRate, double momentum, boolean bookForm) {
    super(OptimizerKind.NESTEROV, learningRate, "velocity");
    this.momentum = OptimizerSetting.MOMENTUM.require(momentum);
    this.bookForm = bookForm;
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    float[] v = state[0];
    float eta = (float) learningRate;
    float mu = (float) momentum;
    float muSquared = (float) (momentum * momentum);
    float stepOfG = (float) ((1 + momentum) * learningRate);
    if (bookForm) {
      int from =
          ElementWise.VECTOR ? VectorUpdates.nesterovBook(w, g, v, eta, mu, muSquared, stepOfG) : 0;
      bookPlain(w, g, v, eta, mu, muSquared, stepOfG, from);
    } else {
      pytorchPlain(
          w, g, v, eta, mu, ElementWise.VECTOR ? VectorUpdates.nesterov(w, g, v, eta, mu) : 0);
    }
  }

  /** PyTorch's form for the elements from {@code from} on. */
  static void pytorchPlain(float[] w, float[] g, float[] b, float eta, float mu, int from) {
    for (int i = from; i < w.length; i++) {
      b[i] = mu * b[i] + g[i];
      w[i] -= eta * (g[i] + mu * b[i]);
    }
  }

  /** The book's form for the elements from {@code from} on; stepOfG is (1 + μ)·η. */
  static void bookPlain(
      float[] w,
      float[] g,
      float[] v,
      float eta,
      float mu,
      float muSquared,
      float stepOfG,
      int from) {
    for (int i = from; i < w.length; i++) {
      w[i] += muSquared * v[i];
      w[i] -= stepOfG * g[i];
      v[i] *= mu;
      v[i] -= eta * g[i];
    }
  }

  @Override
  String settings() {
    return "momentum=" + momentum + ", form=" + (bookForm ? "book" : "pytorch");
  }
}
