package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;

/** A parameter-free element-wise layer y = f(x); subclasses supply f and its derivative. */
abstract class ActivationLayer implements Layer {
  private Matrix input;
  private Matrix output;
  private Matrix inputGrad;

  /** out = f(x). */
  abstract void apply(Matrix x, Matrix out);

  /** dx = dout · f'(x), given the forward input x and output y. */
  abstract void gradient(Matrix x, Matrix y, Matrix dout, Matrix dx);

  @Override
  public final Matrix forward(Matrix x, Mode mode) {
    input = x;
    output = Matrix.reuse(output, x.rows(), x.cols());
    apply(x, output);
    return output;
  }

  @Override
  public final Matrix backward(Matrix dout) {
    inputGrad = Matrix.reuse(inputGrad, dout.rows(), dout.cols());
    gradient(input, output, dout, inputGrad);
    return inputGrad;
  }
}
