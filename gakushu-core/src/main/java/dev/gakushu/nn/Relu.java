package dev.gakushu.nn;

import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;

/** ReLU: y = max(x, 0); ∂y/∂x = 1 where x &gt; 0, else 0. */
public final class Relu extends ActivationLayer {
  @Override
  void apply(Matrix x, Matrix out) {
    ElementWise.relu(x, out);
  }

  @Override
  double apply(double v) {
    return Math.max(v, 0);
  }

  @Override
  void gradient(Matrix x, Matrix y, Matrix dout, Matrix dx) {
    ElementWise.reluBackward(x, dout, dx);
  }

  @Override
  public String describe() {
    return "relu";
  }
}
