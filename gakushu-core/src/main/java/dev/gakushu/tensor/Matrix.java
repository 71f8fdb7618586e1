package dev.gakushu.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 matrix stored row-major: element (r, c) is {@code data[r * cols + c]}.
 *
 * <p>The backing array is exposed through {@link #data()} so that kernels and file writers can work
 * on it without copies; whoever writes to it changes the matrix.
 */
public final class Matrix {
  private final int rows;
  private final int cols;
  private final float[] data;

  /** A rows × cols matrix of zeros. */
  public Matrix(int rows, int cols) {
    this(rows, cols, new float[checkedSize(rows, cols)]);
  }

  private Matrix(int rows, int cols, float[] data) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * Wraps an existing row-major array without copying it.
   *
   * @param data row-major values, length rows × cols; not copied, later writes are shared
   */
  public static Matrix wrap(int rows, int cols, float[] data) {
    if (data.length != checkedSize(rows, cols)) {
      throw new IllegalArgumentException(
          "array of length " + data.length + " cannot hold a " + rows + "x" + cols + " matrix");
    }
    return new Matrix(rows, cols, data);
  }

  /** A matrix holding the given values, row by row. */
  public static Matrix of(int rows, int cols, float... values) {
    return wrap(rows, cols, values.clone());
  }

  private static int checkedSize(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("matrix shape must not be negative: " + rows + "x" + cols);
    }
    long size = (long) rows * cols;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "matrix " + rows + "x" + cols + " exceeds the largest Java array");
    }
    return (int) size;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /** Number of elements, rows × cols. */
  public int size() {
    return data.length;
  }

  /** The backing row-major array (not a copy). */
  public float[] data() {
    return data;
  }

  public float get(int row, int col) {
    return data[row * cols + col];
  }

  public void set(int row, int col, float value) {
    data[row * cols + col] = value;
  }

  public boolean hasShape(int rows, int cols) {
    return this.rows == rows && this.cols == cols;
  }

  public boolean sameShape(Matrix other) {
    return hasShape(other.rows, other.cols);
  }

  /** A deep copy. */
  public Matrix copy() {
    return new Matrix(rows, cols, data.clone());
  }

  /** Copies {@code source}'s values into this matrix; the shapes must agree. */
  public void copyFrom(Matrix source) {
    requireSameShape(this, source, "copyFrom");
    System.arraycopy(source.data, 0, data, 0, data.length);
  }

  public void fill(float value) {
    Arrays.fill(data, value);
  }

  /** This matrix's shape as "rows x cols", for messages. */
  public String shape() {
    return rows + "x" + cols;
  }

  /** Throws if the two matrices' shapes differ, naming the operation. */
  public static void requireSameShape(Matrix a, Matrix b, String operation) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(
          operation + ": shapes differ, " + a.shape() + " and " + b.shape());
    }
  }

  /**
   * Returns {@code buffer} if it already has the shape, otherwise a new zero matrix of that shape.
   */
  public static Matrix reuse(Matrix buffer, int rows, int cols) {
    return buffer != null && buffer.hasShape(rows, cols) ? buffer : new Matrix(rows, cols);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(rows, cols, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Matrix[" + shape() + "]";
  }
}
