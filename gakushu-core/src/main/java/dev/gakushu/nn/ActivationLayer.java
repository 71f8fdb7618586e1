package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;
import java.util.function.Function;

/** A parameter-free element-wise layer y = f(x); subclasses supply f and its derivative. */
abstract class ActivationLayer implements Layer {
  private Matrix input;
  private Matrix output;
  private Matrix inputGrad;

  /** out = f(x). */
  abstract void apply(Matrix x, Matrix out);

  /** dx = dout · f'(x), given the forward input x and output y. */
  abstract void gradient(Matrix x, Matrix y, Matrix dout, Matrix dx);

  /** f(v) in double precision. */
  abstract double apply(double v);

  @Override
  public final double[][] forwardInDouble(double[][] x, Function<Param, double[]> values) {
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = new double[x[r].length];
      for (int c = 0; c < x[r].length; c++) {
        y[r][c] = apply(x[r][c]);
      }
    }
    return y;
  }

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
