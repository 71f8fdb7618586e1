package dev.gakushu.nn;

import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;

/** Logistic sigmoid: y = 1 / (1 + e^(−x)); ∂y/∂x = y (1 − y). */
public final class Sigmoid extends ActivationLayer {
  @Override
  void apply(Matrix x, Matrix out) {
    ElementWise.sigmoid(x, out);
  }

  @Override
  double apply(double v) {
    return 1 / (1 + StrictMath.exp(-v));
  }

  @Override
  void gradient(Matrix x, Matrix y, Matrix dout, Matrix dx) {
    ElementWise.sigmoidBackward(y, dout, dx);
  }

  @Override
  public String describe() {
    return "sigmoid";
  }
}
