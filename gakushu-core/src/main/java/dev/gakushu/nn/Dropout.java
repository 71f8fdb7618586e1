package dev.gakushu.nn;

import dev.gakushu.Range;
import dev.gakushu.tensor.ElementWise;
import dev.gakushu.tensor.Matrix;
import dev.gakushu.tensor.Seeds;
import java.util.function.Function;

/**
 * Dropout (Srivastava et al., 2014): in training, each unit is dropped with probability {@code
 * ratio}, afresh for every forward pass.
 *
 * <pre>
 * inverted (PyTorch):  training y = x ⊙ mask / (1 − ratio);  evaluation y = x
 * book:                training y = x ⊙ mask;                evaluation y = x·(1 − ratio)
 * </pre>
 *
 * The mask of the k-th training pass is drawn from a generator seeded with (the layer's seed, k),
 * so it depends only on the run's seed and the pass number, never on threads or timing. While
 * {@link #holdMask(boolean) held}, the layer reuses its last mask (for gradient checks).
 */
public final class Dropout implements Layer {
  private final double ratio;
  private final boolean inverted;
  private final long seed;
  private long passes;
  private boolean held;
  private Matrix mask;
  private Matrix output;
  private Matrix inputGrad;

  /**
   * @param ratio the probability of dropping a unit, in [0, 1)
   * @param inverted whether to scale in training (PyTorch) rather than in evaluation (the book)
   * @param seed the seed of this layer's masks
   */
  public Dropout(double ratio, boolean inverted, long seed) {
    this.ratio = Range.DROP_PROBABILITY.check("dropout ratio", ratio, Range.BAD_INPUT);
    this.inverted = inverted;
    this.seed = seed;
  }

  /** While held, training passes reuse the last mask instead of drawing a new one. */
  public void holdMask(boolean hold) {
    this.held = hold;
  }

  /** How many training passes have drawn a mask so far. */
  public long passes() {
    return passes;
  }

  /** Sets the pass counter, so that a resumed run draws the masks it would have drawn. */
  public void setPasses(long passes) {
    this.passes = passes;
  }

  /** The factor evaluation multiplies by: 1 for inverted dropout, 1 − ratio for the book's. */
  public float evaluationScale() {
    return inverted ? 1f : (float) (1 - ratio);
  }

  @Override
  public Matrix forward(Matrix x, Mode mode) {
    output = Matrix.reuse(output, x.rows(), x.cols());
    if (mode == Mode.TRAIN) {
      boolean reuse = held && mask != null && mask.sameShape(x);
      if (!reuse) {
        mask = Matrix.reuse(mask, x.rows(), x.cols());
        float kept = inverted ? (float) (1 / (1 - ratio)) : 1f;
        ElementWise.dropoutMask(mask, ratio, kept, Seeds.derive(seed, passes++));
      }
      ElementWise.multiply(x, mask, output);
    } else {
      ElementWise.scale(x, evaluationScale(), output);
    }
    return output;
  }

  @Override
  public Matrix backward(Matrix dout) {
    inputGrad = Matrix.reuse(inputGrad, dout.rows(), dout.cols());
    ElementWise.multiply(dout, mask, inputGrad);
    return inputGrad;
  }

  @Override
  public double[][] forwardInDouble(double[][] x, Function<Param, double[]> values) {
    if (mask == null || mask.rows() != x.length) {
      throw new IllegalStateException("dropout has no mask for " + x.length + " rows to apply");
    }
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = new double[x[r].length];
      for (int c = 0; c < x[r].length; c++) {
        y[r][c] = x[r][c] * mask.get(r, c);
      }
    }
    return y;
  }

  @Override
  public String describe() {
    return "dropout(" + ratio + ")";
  }
}
