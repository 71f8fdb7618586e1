package dev.gakushu.tensor;

/**
 * The plain loops of the element-wise kernels that have a Vector API form ({@link
 * VectorElementWise}): all of an array without the Vector API, the elements past the last whole
 * vector with it. Apart from {@link ElementWise} so that the vector kernels can run (as {@link
 * VectorProbe} runs them) before {@link ElementWise} has chosen its kernels.
 */
final class PlainElementWise {
  private PlainElementWise() {}

  /** d[r][c] += b[c] for every row r and the columns c from {@code from} on. */
  static void addRowVector(float[] d, float[] b, int cols, int from) {
    for (int base = 0; base < d.length; base += cols) {
      for (int c = from; c < cols; c++) {
        d[base + c] += b[c];
      }
    }
  }

  /**
   * Entries {@code from} to the end of a dropout mask: entry i is {@code keptValue} when the i-th
   * draw of the stream, mix64(streamSeed + (i+1)·γ) &gt;&gt;&gt; 11, is at least {@code threshold},
   * else 0.
   *
   * @return how many of these entries were kept
   */
  static int dropoutMask(float[] mask, long threshold, float keptValue, long streamSeed, int from) {
    int keptBits = Float.floatToRawIntBits(keptValue);
    long state = streamSeed + from * Seeds.GOLDEN_GAMMA;
    int kept = 0;
    for (int i = from; i < mask.length; i++) {
      state += Seeds.GOLDEN_GAMMA;
      long draw = Seeds.mix(state) >>> 11;
      // 1 when draw ≥ threshold: both lie in [0, 2⁵³], so the difference's sign decides
      int keep = 1 - (int) ((draw - threshold) >>> 63);
      mask[i] = Float.intBitsToFloat(keptBits & -keep);
      kept += keep;
    }
    return kept;
  }

  /** out[i] = x[i] &gt; 0 ? x[i] : 0 for i from {@code from} to the end. */
  static void relu(float[] x, float[] out, int from) {
    for (int i = from; i < x.length; i++) {
      out[i] = x[i] > 0f ? x[i] : 0f;
    }
  }

  /** dx[i] = x[i] &gt; 0 ? g[i] : 0 for i from {@code from} to the end. */
  static void reluBackward(float[] x, float[] g, float[] dx, int from) {
    for (int i = from; i < x.length; i++) {
      dx[i] = x[i] > 0f ? g[i] : 0f;
    }
  }
}
