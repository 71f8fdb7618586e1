package dev.gakushu.optim;

import dev.gakushu.nn.Param;

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
    super("nesterov", learningRate, "velocity");
    this.momentum = Require.unitInterval("momentum", momentum);
    this.bookForm = bookForm;
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    float[] v = state[0];
    float eta = (float) learningRate;
    float mu = (float) momentum;
    float muSquared = (float) (momentum * momentum);
    float stepOfG = (float) ((1 + momentum) * learningRate);
    for (int i = 0; i < w.length; i++) {
      if (bookForm) {
        w[i] += muSquared * v[i];
        w[i] -= stepOfG * g[i];
        v[i] *= mu;
        v[i] -= eta * g[i];
      } else {
        v[i] = mu * v[i] + g[i];
        w[i] -= eta * (g[i] + mu * v[i]);
      }
    }
  }

  @Override
  String settings() {
    return "momentum=" + momentum + ", form=" + (bookForm ? "book" : "pytorch");
  }
}
