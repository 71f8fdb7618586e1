package dev.gakushu.experiments;

import dev.gakushu.nn.Network;
import dev.gakushu.nn.Param;
import dev.gakushu.tensor.Matrix;
import java.util.ArrayList;
import java.util.List;

/**
 * What a regulariser did to a network's weights (the W matrices only, never biases): their root
 * mean square, the share within 10⁻³ of zero, and the largest column norm (a unit's incoming weight
 * vector, which max-norm caps).
 *
 * @param values every weight, layer after layer
 */
record WeightStats(float[] values, double rms, double nearZeroShare, double maxColumnNorm) {
  /** |w| below this counts as zero. */
  static final double NEAR_ZERO = 1e-3;

  static WeightStats of(Network network) {
    List<Matrix> weights = new ArrayList<>();
    int total = 0;
    for (Param p : network.params()) {
      if (p.role() == Param.Role.WEIGHT) {
        weights.add(p.value());
        total += p.value().size();
      }
    }
    float[] values = new float[total];
    int at = 0;
    double maxColumnNorm = 0;
    for (Matrix w : weights) {
      System.arraycopy(w.data(), 0, values, at, w.size());
      at += w.size();
      for (int j = 0; j < w.cols(); j++) {
        double sum = 0;
        for (int r = 0; r < w.rows(); r++) {
          sum += (double) w.get(r, j) * w.get(r, j);
        }
        maxColumnNorm = Math.max(maxColumnNorm, Math.sqrt(sum));
      }
    }
    double squares = 0;
    long near = 0;
    for (float v : values) {
      squares += (double) v * v;
      if (Math.abs(v) < NEAR_ZERO) {
        near++;
      }
    }
    return new WeightStats(
        values, Math.sqrt(squares / total), (double) near / total, maxColumnNorm);
  }

  /** The largest |w|. */
  double maxAbs() {
    double m = 0;
    for (float v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
