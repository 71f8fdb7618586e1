package dev.gakushu.nn;

import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Gemm;
import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.function.Function;

/**
 * The affine layer y = x·W + b, with W of shape inputs × units and b of shape 1 × units.
 *
 * <p>Backward, for a batch of N rows and upstream gradient G = ∂L/∂y: ∂L/∂W = xᵀ·G, ∂L/∂b = Σ_rows
 * G, ∂L/∂x = G·Wᵀ.
 */
public final class Dense implements Layer {
  private final Param weights;
  private final Param bias;
  private final Gemm gemm;
  private final double[] sumScratch;
  private Matrix input;
  private Matrix output;
  private Matrix inputGrad;

  /**
   * @param name prefix of the parameter names, e.g. {@code dense1} gives {@code dense1.W}
   */
  public Dense(String name, int inputs, int units, Gemm gemm) {
    if (inputs < 1 || units < 1) {
      throw new IllegalArgumentException(
          "dense layer needs at least one input and one unit, got " + inputs + " -> " + units);
    }
    this.weights = new Param(name + ".W", Param.Role.WEIGHT, new Matrix(inputs, units));
    this.bias = new Param(name + ".b", Param.Role.BIAS, new Matrix(1, units));
    this.gemm = gemm;
    this.sumScratch = new double[units];
  }

  public Param weights() {
    return weights;
  }

  public Param bias() {
    return bias;
  }

  public int inputs() {
    return weights.value().rows();
  }

  public int units() {
    return weights.value().cols();
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    if (x.cols() != inputs()) {
      throw new IllegalArgumentException(
          describe() + ": input has " + x.cols() + " columns, expected " + inputs());
    }
    input = x;
    output = Matrix.reuse(output, x.rows(), units());
    gemm.multiply(x, weights.value(), output);
    ElementWise.addRowVector(output, bias.value());
    return output;
  }

  @Override
  public Matrix backward(Matrix dout) {
    backwardWithoutInputGradient(dout);
    inputGrad = Matrix.reuse(inputGrad, dout.rows(), inputs());
    gemm.multiplyTransposedB(dout, weights.value(), inputGrad);
    return inputGrad;
  }

  /** ∂L/∂W and ∂L/∂b only: the product G·Wᵀ, as large as the forward one, is left out. */
  @Override
  public void backwardWithoutInputGradient(Matrix dout) {
    gemm.multiplyTransposedA(input, dout, weights.grad());
    ElementWise.columnSums(dout, bias.grad(), sumScratch);
  }

  @Override
  public double[][] forwardInDouble(double[][] x, Function<Param, double[]> values) {
    double[] w = values.apply(weights);
    double[] b = values.apply(bias);
    int units = units();
    double[][] y = new double[x.length][units];
    for (int r = 0; r < x.length; r++) {
      for (int u = 0; u < units; u++) {
        double sum = b[u];
        for (int i = 0; i < x[r].length; i++) {
          sum += x[r][i] * w[i * units + u];
        }
        y[r][u] = sum;
      }
    }
    return y;
  }

  @Override
  public List<Param> params() {
    return List.of(weights, bias);
  }

  @Override
  public String describe() {
    return "dense(" + inputs() + "->" + units() + ")";
  }
}
