package dev.gakushu.tensor;

/**
 * The element-wise and row-wise kernels that layers, losses and optimizers use, so that no layer
 * loops over a large array itself. Each writes into an output argument that may be the same matrix
 * as an input unless its documentation says otherwise; none allocates.
 *
 * <p>ReLU, its gradient, sigmoid, tanh, the dropout mask, the bias add and the column sums run on
 * the Vector API when the JVM has it ({@link #VECTOR}), with the same bits as the plain loops.
 */
public final class ElementWise {
  /**
   * Whether the kernels that have a Vector API version ({@link VectorElementWise}) use it: as
   * {@link KernelChoice#current()} decides for the matrix product too. Both versions give the same
   * bits. The optimizers' updates follow it too.
   */
  public static final boolean VECTOR = KernelChoice.current().vector();

  private ElementWise() {}

  /** x[r][c] += bias[c] for every row r. x is modified. */
  public static void addRowVector(Matrix x, Matrix bias) {
    addRowVector(x, bias, VECTOR);
  }

  /** {@link #addRowVector(Matrix, Matrix)} on the kernels given. */
  static void addRowVector(Matrix x, Matrix bias, boolean vector) {
    requireRowVector(bias, x.cols(), "addRowVector");
    float[] d = x.data();
    float[] b = bias.data();
    int cols = x.cols();
    PlainElementWise.addRowVector(
        d, b, cols, vector ? VectorElementWise.addRowVector(d, b, cols) : 0);
  }

  /**
   * out[c] = Σ_r x[r][c], summed in row order in double and rounded once, so the result does not
   * depend on how the work is split. The sums are {@link Normalization}'s column pass.
   */
  public static void columnSums(Matrix x, Matrix out, double[] scratch) {
    columnSums(x, out, scratch, VECTOR);
  }

  /** {@link #columnSums(Matrix, Matrix, double[])} on the kernels given. */
  static void columnSums(Matrix x, Matrix out, double[] scratch, boolean vector) {
    requireRowVector(out, x.cols(), "columnSums");
    int cols = x.cols();
    java.util.Arrays.fill(scratch, 0, cols, 0.0);
    float[] d = x.data();
    Normalization.addColumns(
        d, cols, scratch, vector ? VectorNormalization.addColumns(d, cols, scratch) : 0);
    float[] o = out.data();
    for (int c = 0; c < cols; c++) {
      o[c] = (float) scratch[c];
    }
  }

  /** y += alpha · x. y is modified. */
  public static void addScaled(Matrix y, float alpha, Matrix x) {
    Matrix.requireSameShape(y, x, "addScaled");
    float[] yd = y.data();
    float[] xd = x.data();
    for (int i = 0; i < yd.length; i++) {
      yd[i] = Math.fma(alpha, xd[i], yd[i]);
    }
  }

  /** out = x ⊙ y, element by element. */
  public static void multiply(Matrix x, Matrix y, Matrix out) {
    Matrix.requireSameShape(x, y, "multiply");
    Matrix.requireSameShape(x, out, "multiply");
    float[] a = x.data();
    float[] b = y.data();
    float[] o = out.data();
    for (int i = 0; i < a.length; i++) {
      o[i] = a[i] * b[i];
    }
  }

  /** out = c · x. */
  public static void scale(Matrix x, float c, Matrix out) {
    Matrix.requireSameShape(x, out, "scale");
    float[] a = x.data();
    float[] o = out.data();
    for (int i = 0; i < a.length; i++) {
      o[i] = c * a[i];
    }
  }

  /**
   * A dropout mask: each entry independently 0 with probability {@code ratio} (a uniform draw below
   * it) and {@code keptValue} otherwise, drawn in row-major order from the stream of {@code new
   * SplittableRandom(streamSeed).nextDouble()}, without creating it and without a branch per entry.
   *
   * <p>The i-th draw of that stream is u_i·2⁻⁵³ with u_i = mix64(streamSeed + i·γ) &gt;&gt;&gt; 11
   * (SplitMix64, as {@link Seeds} mixes), a 53-bit integer; since scaling by 2⁵³ is exact, u_i·2⁻⁵³
   * ≥ ratio exactly when u_i ≥ ⌈ratio·2⁵³⌉, so the entry is kept on an integer comparison, with the
   * same outcome as comparing the double.
   *
   * @param ratio the drop probability, in [0, 1)
   * @return how many entries were kept
   */
  public static int dropoutMask(Matrix mask, double ratio, float keptValue, long streamSeed) {
    return dropoutMask(mask, ratio, keptValue, streamSeed, VECTOR);
  }

  /** {@link #dropoutMask(Matrix, double, float, long)} on the kernels given. */
  static int dropoutMask(
      Matrix mask, double ratio, float keptValue, long streamSeed, boolean vector) {
    long threshold = (long) Math.ceil(ratio * 0x1.0p53);
    return vector
        ? VectorElementWise.dropoutMask(mask.data(), threshold, keptValue, streamSeed)
        : PlainElementWise.dropoutMask(mask.data(), threshold, keptValue, streamSeed, 0);
  }

  /** out = max(x, 0): x where x &gt; 0, else 0 (NaN gives 0). */
  public static void relu(Matrix x, Matrix out) {
    relu(x, out, VECTOR);
  }

  /** {@link #relu(Matrix, Matrix)} on the kernels given. */
  static void relu(Matrix x, Matrix out, boolean vector) {
    Matrix.requireSameShape(x, out, "relu");
    if (vector) {
      VectorElementWise.relu(x.data(), out.data());
    } else {
      PlainElementWise.relu(x.data(), out.data(), 0);
    }
  }

  /** dx = dout where x &gt; 0, else 0 (the gradient at exactly 0 is taken as 0, as in the book). */
  public static void reluBackward(Matrix x, Matrix dout, Matrix dx) {
    reluBackward(x, dout, dx, VECTOR);
  }

  /** {@link #reluBackward(Matrix, Matrix, Matrix)} on the kernels given. */
  static void reluBackward(Matrix x, Matrix dout, Matrix dx, boolean vector) {
    Matrix.requireSameShape(x, dout, "reluBackward");
    Matrix.requireSameShape(x, dx, "reluBackward");
    if (vector) {
      VectorElementWise.reluBackward(x.data(), dout.data(), dx.data());
    } else {
      PlainElementWise.reluBackward(x.data(), dout.data(), dx.data(), 0);
    }
  }

  /** out = σ(x) = 1 / (1 + e^(−x)), as {@link FixedMath#sigmoid(float)}. */
  public static void sigmoid(Matrix x, Matrix out) {
    sigmoid(x, out, VECTOR);
  }

  /** {@link #sigmoid(Matrix, Matrix)} on the kernels given. */
  static void sigmoid(Matrix x, Matrix out, boolean vector) {
    Matrix.requireSameShape(x, out, "sigmoid");
    float[] in = x.data();
    float[] o = out.data();
    FixedMath.sigmoid(in, o, vector ? VectorFixedMath.sigmoid(in, o) : 0);
  }

  /** dx = dout · y · (1 − y), where y = σ(x) is the forward output. */
  public static void sigmoidBackward(Matrix y, Matrix dout, Matrix dx) {
    Matrix.requireSameShape(y, dout, "sigmoidBackward");
    Matrix.requireSameShape(y, dx, "sigmoidBackward");
    float[] s = y.data();
    float[] g = dout.data();
    float[] o = dx.data();
    for (int i = 0; i < s.length; i++) {
      o[i] = g[i] * (1f - s[i]) * s[i];
    }
  }

  /** out = tanh(x), as {@link FixedMath#tanh(float)}. */
  public static void tanh(Matrix x, Matrix out) {
    tanh(x, out, VECTOR);
  }

  /** {@link #tanh(Matrix, Matrix)} on the kernels given. */
  static void tanh(Matrix x, Matrix out, boolean vector) {
    Matrix.requireSameShape(x, out, "tanh");
    float[] in = x.data();
    float[] o = out.data();
    FixedMath.tanh(in, o, vector ? VectorFixedMath.tanh(in, o) : 0);
  }

  /** dx = dout · (1 − y²), where y = tanh(x) is the forward output. */
  public static void tanhBackward(Matrix y, Matrix dout, Matrix dx) {
    Matrix.requireSameShape(y, dout, "tanhBackward");
    Matrix.requireSameShape(y, dx, "tanhBackward");
    float[] t = y.data();
    float[] g = dout.data();
    float[] o = dx.data();
    for (int i = 0; i < t.length; i++) {
      o[i] = g[i] * (1f - t[i] * t[i]);
    }
  }

  /**
   * Row-wise softmax, stable: p[r][c] = e^(z[r][c] − m_r) / Σ_c' e^(z[r][c'] − m_r) with m_r =
   * max_c z[r][c]. The exponentials are {@link FixedMath#exp}'s, the sum is taken in double in
   * column order and its logarithm is {@link StrictMath#log}'s. {@code probabilities} may be {@code
   * logits}.
   */
  public static void softmaxRows(Matrix logits, Matrix probabilities) {
    Matrix.requireSameShape(logits, probabilities, "softmaxRows");
    int cols = logits.cols();
    for (int base = 0; base < logits.size(); base += cols) {
      softmaxRow(logits.data(), probabilities.data(), base, cols);
    }
  }

  /**
   * Softmax cross-entropy of each row against its class index, computed stably in double: ℓ_r = log
   * Σ_c e^(z[r][c] − m_r) − (z[r][t_r] − m_r). Also fills the row-wise softmax.
   *
   * @param labels one class index per row, each in [0, cols)
   * @param probabilities overwritten with softmax(z); must not be {@code logits}
   * @return Σ_r ℓ_r
   */
  public static double softmaxCrossEntropy(Matrix logits, int[] labels, Matrix probabilities) {
    Matrix.requireSameShape(logits, probabilities, "softmaxCrossEntropy");
    requireOneLabelPerRow(logits, labels);
    int cols = logits.cols();
    float[] z = logits.data();
    double total = 0;
    for (int r = 0; r < labels.length; r++) {
      int base = r * cols;
      double logSumExp = softmaxRow(z, probabilities.data(), base, cols);
      total += logSumExp - z[base + labels[r]];
    }
    return total;
  }

  /** grad = (p − onehot(t)) / N, the gradient of the mean softmax cross-entropy. */
  public static void softmaxCrossEntropyGradient(Matrix probabilities, int[] labels, Matrix grad) {
    Matrix.requireSameShape(probabilities, grad, "softmaxCrossEntropyGradient");
    requireOneLabelPerRow(probabilities, labels);
    int cols = probabilities.cols();
    float[] p = probabilities.data();
    float[] g = grad.data();
    float inverseN = 1f / labels.length;
    for (int r = 0; r < labels.length; r++) {
      int base = r * cols;
      for (int c = 0; c < cols; c++) {
        float target = c == labels[r] ? 1f : 0f;
        g[base + c] = (p[base + c] - target) * inverseN;
      }
    }
  }

  /** Fills p[base .. base+cols) with the softmax of z there and returns its log-sum-exp. */
  private static double softmaxRow(float[] z, float[] p, int base, int cols) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < cols; c++) {
      max = Math.max(max, z[base + c]);
    }
    double sum = 0;
    for (int c = 0; c < cols; c++) {
      double e = FixedMath.exp((double) z[base + c] - max);
      p[base + c] = (float) e;
      sum += e;
    }
    float inverse = (float) (1.0 / sum);
    for (int c = 0; c < cols; c++) {
      p[base + c] *= inverse;
    }
    return max + StrictMath.log(sum);
  }

  private static void requireOneLabelPerRow(Matrix m, int[] labels) {
    if (labels.length != m.rows()) {
      throw new IllegalArgumentException(labels.length + " labels for " + m.rows() + " rows");
    }
  }

  /** The index of the largest value in each row (the first one on ties). */
  public static void argmaxRows(Matrix x, int[] out) {
    int cols = x.cols();
    float[] d = x.data();
    for (int r = 0; r < x.rows(); r++) {
      int base = r * cols;
      int best = 0;
      for (int c = 1; c < cols; c++) {
        if (d[base + c] > d[base + best]) {
          best = c;
        }
      }
      out[r] = best;
    }
  }

  private static void requireRowVector(Matrix v, int cols, String operation) {
    if (!v.hasShape(1, cols)) {
      throw new IllegalArgumentException(
          operation + ": expected a 1x" + cols + " row vector, got " + v.shape());
    }
  }
}
