package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;
import java.util.List;

/**
 * The max-norm constraint of Srivastava et al. (2014), applied after each optimizer step: every
 * unit's incoming weight vector, a column w_j of a weight matrix W (inputs × units, so n_in
 * values), whose L2 norm n = ‖w_j‖ exceeds c is scaled by c/n, so that ‖w_j‖ ≤ c. This is Keras'
 * {@code constraints.MaxNorm(c, axis=0)} and PyTorch's {@code torch.renorm(W, 2, 1, c)} for this
 * layout. Biases, γ and β are left alone.
 */
public final class MaxNorm {
  private MaxNorm() {}

  /** Scales each column of each weight matrix whose norm exceeds {@code c} down to norm c. */
  public static void apply(List<Param> params, double c) {
    for (Param p : params) {
      if (p.role() == Param.Role.WEIGHT) {
        constrainColumns(p.value(), c);
      }
    }
  }

  /** w_j ← w_j · c/‖w_j‖ for every column j of {@code w} with ‖w_j‖ > c. */
  static void constrainColumns(Matrix w, double c) {
    int rows = w.rows();
    int cols = w.cols();
    float[] data = w.data();
    double[] squares = new double[cols];
    for (int r = 0; r < rows; r++) {
      int row = r * cols;
      for (int j = 0; j < cols; j++) {
        double v = data[row + j];
        squares[j] += v * v;
      }
    }
    float[] scale = new float[cols];
    boolean any = false;
    for (int j = 0; j < cols; j++) {
      double norm = Math.sqrt(squares[j]);
      scale[j] = norm > c ? (float) (c / norm) : 1f;
      any |= norm > c;
    }
    if (!any) {
      return;
    }
    for (int r = 0; r < rows; r++) {
      int row = r * cols;
      for (int j = 0; j < cols; j++) {
        data[row + j] *= scale[j];
      }
    }
  }
}
