package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;

/**
 * A learned tensor and its gradient, with a stable readable name such as {@code dense1.W}. The
 * optimizer reads {@link #grad()} and updates {@link #value()} in place.
 */
public final class Param {
  /** What a parameter is for; weight decay, for one, applies to weights only. */
  public enum Role {
    /** A dense layer's weight matrix W. */
    WEIGHT,
    /** A dense layer's bias b. */
    BIAS,
    /** BatchNorm's scale γ. */
    SCALE,
    /** BatchNorm's shift β. */
    SHIFT
  }

  private final String name;
  private final Role role;
  private final Matrix value;
  private final Matrix grad;

  public Param(String name, Role role, Matrix value) {
    this.name = name;
    this.role = role;
    this.value = value;
    this.grad = new Matrix(value.rows(), value.cols());
  }

  public String name() {
    return name;
  }

  public Role role() {
    return role;
  }

  /** The current values; modified by the optimizer. */
  public Matrix value() {
    return value;
  }

  /** ∂L/∂value from the last backward pass. */
  public Matrix grad() {
    return grad;
  }

  @Override
  public String toString() {
    return name + "[" + value.shape() + "]";
  }
}
