package dev.gakushu.nn;

import dev.gakushu.Conventions;
import dev.gakushu.Range;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Normalization;
import java.util.List;
import java.util.function.Function;

/**
 * Batch normalisation over each column of a batch (Ioffe and Szegedy, 2015), placed Dense →
 * BatchNorm → activation as in the book.
 *
 * <pre>
 * training:   μ = mean of the batch, σ² = its biased variance
 *             x̂ = (x − μ)/√(σ² + ε),  y = γ·x̂ + β
 *             running_mean ← (1 − m)·running_mean + m·μ
 *             running_var  ← (1 − m)·running_var  + m·σ²_r
 * evaluation: y = γ·(x − running_mean)/√(running_var + ε) + β
 * </pre>
 *
 * m is the weight of the new batch (0.1 in PyTorch's {@code BatchNorm1d} and in the book, which
 * writes it as 0.9 for the old value). The conventions differ in ε (1e-5 / 1e-6), in the start of
 * running_var (1 / 0) and in σ²_r, the unbiased N/(N−1)·σ² in PyTorch and the biased σ² in the book
 * (a batch of one row gathers the biased value in both). γ starts at 1 and β at 0; both are
 * learned. Running statistics are buffers, not parameters.
 */
public final class BatchNorm implements Layer {
  private final String name;
  private final Param gamma;
  private final Param beta;
  private final Matrix runningMean;
  private final Matrix runningVariance;
  private final double momentum;
  private final double epsilon;
  private final boolean unbiasedRunning;
  private final double[] mean;
  private final double[] variance;
  private final float[] meanF;
  private final float[] inverseStd;
  private final double[] sumScratch;
  private final double[] productScratch;
  private final double[] scaleScratch;
  private Matrix normalized;
  private Matrix output;
  private Matrix inputGrad;

  /**
   * @param momentum m, the weight of the new batch in the running statistics, in (0, 1]
   * @param epsilon ε &gt; 0
   */
  public BatchNorm(
      String name, int features, double momentum, double epsilon, Conventions conventions) {
    Range.WEIGHT.check("batch-norm momentum", momentum, Range.BAD_INPUT);
    Range.POSITIVE.check("batch-norm eps", epsilon, Range.BAD_INPUT);
    this.name = name;
    this.gamma = new Param(name + ".gamma", Param.Role.SCALE, new Matrix(1, features));
    this.gamma.value().fill(1f);
    this.beta = new Param(name + ".beta", Param.Role.SHIFT, new Matrix(1, features));
    this.runningMean = new Matrix(1, features);
    this.runningVariance = new Matrix(1, features);
    this.runningVariance.fill(conventions.runningVarianceStart);
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.unbiasedRunning = conventions.unbiasedRunningVariance;
    this.mean = new double[features];
    this.variance = new double[features];
    this.meanF = new float[features];
    this.inverseStd = new float[features];
    this.sumScratch = new double[features];
    this.productScratch = new double[features];
    this.scaleScratch = new double[features];
  }

  public String name() {
    return name;
  }

  /** γ, the learned scale (1 × features). */
  public Param gamma() {
    return gamma;
  }

  /** β, the learned shift (1 × features). */
  public Param beta() {
    return beta;
  }

  /** ε, added to the variance before its square root. */
  public double epsilon() {
    return epsilon;
  }

  /** The running mean gathered in training (a live view, 1 × features). */
  public Matrix runningMean() {
    return runningMean;
  }

  /** The running variance gathered in training (a live view, 1 × features). */
  public Matrix runningVariance() {
    return runningVariance;
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    int d = gamma.value().cols();
    if (x.cols() != d) {
      throw new IllegalArgumentException(
          describe() + ": input has " + x.cols() + " columns, expected " + d);
    }
    output = Matrix.reuse(output, x.rows(), d);
    if (mode == Mode.TRAIN) {
      Normalization.columnMeanAndVariance(x, mean, variance);
      int n = x.rows();
      double correction = unbiasedRunning && n > 1 ? (double) n / (n - 1) : 1;
      float[] rm = runningMean.data();
      float[] rv = runningVariance.data();
      float keep = (float) (1 - momentum);
      float take = (float) momentum;
      for (int j = 0; j < d; j++) {
        meanF[j] = (float) mean[j];
        inverseStd[j] = (float) (1 / Math.sqrt(variance[j] + epsilon));
        rm[j] = keep * rm[j] + take * meanF[j];
        rv[j] = keep * rv[j] + take * (float) (variance[j] * correction);
      }
      normalized = Matrix.reuse(normalized, x.rows(), d);
      Normalization.normalize(
          x, meanF, inverseStd, gamma.value(), beta.value(), normalized, output);
    } else {
      float[] rv = runningVariance.data();
      for (int j = 0; j < d; j++) {
        inverseStd[j] = (float) (1 / Math.sqrt(rv[j] + epsilon));
      }
      Normalization.normalize(
          x, runningMean.data(), inverseStd, gamma.value(), beta.value(), null, output);
    }
    return output;
  }

  @Override
  public Matrix backward(Matrix dout) {
    inputGrad = Matrix.reuse(inputGrad, dout.rows(), dout.cols());
    Normalization.backward(
        dout,
        normalized,
        gamma.value(),
        inverseStd,
        inputGrad,
        gamma.grad(),
        beta.grad(),
        sumScratch,
        productScratch,
        scaleScratch);
    return inputGrad;
  }

  @Override
  public double[][] forwardInDouble(double[][] x, Function<Param, double[]> values) {
    double[] g = values.apply(gamma);
    double[] b = values.apply(beta);
    int n = x.length;
    int d = g.length;
    double[][] y = new double[n][d];
    for (int j = 0; j < d; j++) {
      double mu = 0;
      for (double[] row : x) {
        mu += row[j];
      }
      mu /= n;
      double var = 0;
      for (double[] row : x) {
        var += (row[j] - mu) * (row[j] - mu);
      }
      var /= n;
      double inverse = 1 / Math.sqrt(var + epsilon);
      for (int r = 0; r < n; r++) {
        y[r][j] = g[j] * (x[r][j] - mu) * inverse + b[j];
      }
    }
    return y;
  }

  @Override
  public List<Param> params() {
    return List.of(gamma, beta);
  }

  @Override
  public String describe() {
    return "batchnorm(" + gamma.value().cols() + ")";
  }
}
