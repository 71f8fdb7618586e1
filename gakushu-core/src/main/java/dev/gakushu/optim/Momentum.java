package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;

/**
 * SGD with (heavy-ball) momentum, Polyak (1964), in one of two algebraically equal forms.
 *
 * <pre>
 * input:  learning rate η, momentum μ, parameters θ, gradients g
 * init:   b ← 0  (PyTorch form) or v ← 0  (book form)
 * loop:   PyTorch ({@code torch.optim.SGD(momentum=μ)}):  b ← μ·b + g;   θ ← θ − η·b
 *   book    ({@code Momentum.update}):              v ← μ·v − η·g; θ ← θ + v
 * </pre>
 *
 * With a constant η the forms agree (v = −η·b); when a schedule changes η they differ, since the
 * book's velocity carries the old rates. State buffer: {@code velocity} (b or v).
 */
public final class Momentum extends AbstractOptimizer {
  private final double momentum;
  private final boolean bookForm;

  /**
   * @param momentum μ in [0, 1)
   * @param bookForm whether to use the book's velocity form
   */
  public Momentum(double learningRate, double momentum, boolean bookForm) {
    super(OptimizerKind.MOMENTUM, learningRate, "velocity");
    this.momentum = OptimizerSetting.MOMENTUM.require(momentum);
    this.bookForm = bookForm;
  }

  @Override
  void update(Param param, float[] w, float[] g, float[][] state) {
    float[] v = state[0];
    float eta = (float) learningRate;
    float mu = (float) momentum;
    if (bookForm) {
      bookPlain(
          w, g, v, eta, mu, ElementWise.VECTOR ? VectorUpdates.momentumBook(w, g, v, eta, mu) : 0);
    } else {
      pytorchPlain(
          w, g, v, eta, mu, ElementWise.VECTOR ? VectorUpdates.momentum(w, g, v, eta, mu) : 0);
    }
  }

  /** PyTorch's form for the elements from {@code from} on. */
  static void pytorchPlain(float[] w, float[] g, float[] b, float eta, float mu, int from) {
    for (int i = from; i < w.length; i++) {
      b[i] = mu * b[i] + g[i];
      w[i] -= eta * b[i];
    }
  }

  /** The book's form for the elements from {@code from} on. */
  static void bookPlain(float[] w, float[] g, float[] v, float eta, float mu, int from) {
    for (int i = from; i < w.length; i++) {
      v[i] = mu * v[i] - eta * g[i];
      w[i] += v[i];
    }
  }

  @Override
  String settings() {
    return "momentum=" + momentum + ", form=" + (bookForm ? "book" : "pytorch");
  }
}
