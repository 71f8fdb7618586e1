package dev.gakushu.nn;

import java.util.List;
import java.util.Locale;

/**
 * What a network of dense layers needs in memory while it trains, estimated before anything is
 * allocated, so that an impossible size is refused with a sentence rather than a crash:
 *
 * <pre>
 * bytes ≈ 4 · (4·P + 6·B·ΣW)
 * </pre>
 *
 * with P the parameters (each held as value, gradient and up to two optimizer buffers, Adam's m and
 * v), B the batch rows and ΣW the widths of the inputs and of every layer (each held as forward
 * output, backward gradient and up to four layer buffers: ReLU or dropout masks, BatchNorm's
 * normalised values, the loss's probabilities), all float32. The estimate is computed in double
 * precision, so no size can overflow it.
 */
public final class MemoryEstimate {
  private MemoryEstimate() {}

  /**
   * @param hidden the widths of the hidden layers
   * @param batchNorm whether each hidden layer has BatchNorm (4·width more parameters and buffers)
   */
  public static double bytes(
      long inputs, List<? extends Number> hidden, long classes, long batch, boolean batchNorm) {
    double params = 0;
    double widths = inputs;
    double in = inputs;
    for (Number units : hidden) {
      double u = units.doubleValue();
      params += (in + 1) * u + (batchNorm ? 4 * u : 0);
      widths += u * (batchNorm ? 2 : 1);
      in = u;
    }
    params += (in + 1) * classes;
    widths += classes;
    return 4 * (4 * params + 6 * batch * widths);
  }

  /** The heap this JVM has left now: its maximum less what is in use (the data, for one). */
  public static long available() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /**
   * Why a network whose estimate exceeds {@code budget} bytes cannot train, or null when it fits.
   *
   * @param copies networks that train at once (tune's workers)
   * @return the estimate and the budget, e.g. "the network needs about 6 MiB to train (2 at once)
   *     (…), more than the 5 MiB this JVM has free (…)"
   */
  public static String shortfall(double bytes, int copies, long budget) {
    double total = bytes * copies;
    if (total <= (double) budget) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "the network needs about %s to train%s (weights, gradients, optimizer state and one batch's"
            + " activations), more than the %s this JVM has free (raise -Xmx through"
            + " GAKUSHU_JAVA_OPTS or choose a smaller network)",
        mebibytes(total),
        copies > 1 ? " (" + copies + " at once)" : "",
        mebibytes((double) budget));
  }

  private static String mebibytes(double bytes) {
    return String.format(Locale.ROOT, "%,.0f MiB", bytes / (1 << 20));
  }
}
