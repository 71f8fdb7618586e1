package dev.gakushu.nn;

import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;

/** Hyperbolic tangent: y = tanh(x); ∂y/∂x = 1 − y². */
public final class Tanh extends ActivationLayer {
  @Override
  void apply(Matrix x, Matrix out) {
    ElementWise.tanh(x, out);
  }

  @Override
  double apply(double v) {
    return StrictMath.tanh(v);
  }

  @Override
  void gradient(Matrix x, Matrix y, Matrix dout, Matrix dx) {
    ElementWise.tanhBackward(y, dout, dx);
  }

  @Override
  public String describe() {
    return "tanh";
  }
}
