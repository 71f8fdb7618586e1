package dev.gakushu.nn;

import dev.gakushu.tensor.Matrix;
import java.util.List;
import java.util.function.Function;

/**
 * One step of a sequential network. {@link #forward} keeps what {@link #backward} needs; backward
 * must follow the forward pass whose gradient it computes.
 *
 * <p>The matrices a layer returns are its own buffers, reused by the next call: read them before
 * calling the layer again.
 */
public interface Layer {
  /** The layer's output for a batch x (one example per row). x is not modified. */
  Matrix forward(Matrix x, Mode mode);

  /**
   * Given ∂L/∂output, fills the gradients of this layer's parameters and returns ∂L/∂input. dout
   * may be overwritten.
   */
  Matrix backward(Matrix dout);

  /**
   * {@link #backward} for the first layer of a network, whose ∂L/∂input nobody reads: fills the
   * gradients of this layer's parameters, with the same values, and may leave ∂L/∂input uncomputed.
   * dout may be overwritten.
   */
  default void backwardWithoutInputGradient(Matrix dout) {
    backward(dout);
  }

  /**
   * The training-mode forward pass in double precision, for the gradient check: the same formula as
   * {@link #forward} with {@link Mode#TRAIN}, computed on rows of doubles with each parameter's
   * values taken from {@code values}. It changes no buffer, statistic or mask; dropout applies its
   * last mask.
   */
  double[][] forwardInDouble(double[][] x, Function<Param, double[]> values);

  /** The learned parameters, in a fixed order; empty for a layer without any. */
  default List<Param> params() {
    return List.of();
  }

  /** A short description such as {@code dense(64->100)} or {@code relu}. */
  String describe();
}
