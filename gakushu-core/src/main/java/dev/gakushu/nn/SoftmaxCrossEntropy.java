package dev.gakushu.nn;

import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;

/**
 * Softmax followed by the cross-entropy against class indices, averaged over the batch: L = (1/N)
 * Σ_r −log softmax(z_r)[t_r]. Its gradient is ∂L/∂z = (softmax(z) − onehot(t)) / N.
 *
 * <p>Unlike the book's {@code cross_entropy_error}, no 1e-7 is added inside the logarithm: the loss
 * is computed as a log-sum-exp, which is exact and finite for any finite logits (as PyTorch's
 * {@code cross_entropy}).
 */
public final class SoftmaxCrossEntropy {
  private Matrix probabilities;
  private Matrix logitGrad;
  private int[] labels;

  /** The mean loss of the batch. Keeps the probabilities and labels for {@link #backward()}. */
  public double forward(Matrix logits, int[] labels) {
    probabilities = Matrix.reuse(probabilities, logits.rows(), logits.cols());
    this.labels = labels;
    return ElementWise.softmaxCrossEntropy(logits, labels, probabilities) / logits.rows();
  }

  /** The mean loss (1/N) Σ_r (log Σ_c e^(z_rc) − z_r,t_r) in double precision. */
  public static double inDouble(double[][] logits, int[] labels) {
    double total = 0;
    for (int r = 0; r < logits.length; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double z : logits[r]) {
        max = Math.max(max, z);
      }
      double sum = 0;
      for (double z : logits[r]) {
        sum += StrictMath.exp(z - max);
      }
      total += max + StrictMath.log(sum) - logits[r][labels[r]];
    }
    return total / logits.length;
  }

  /** ∂L/∂z for the last forward pass. */
  public Matrix backward() {
    logitGrad = Matrix.reuse(logitGrad, probabilities.rows(), probabilities.cols());
    ElementWise.softmaxCrossEntropyGradient(probabilities, labels, logitGrad);
    return logitGrad;
  }

  /** softmax(z) from the last forward pass. */
  public Matrix probabilities() {
    return probabilities;
  }
}
