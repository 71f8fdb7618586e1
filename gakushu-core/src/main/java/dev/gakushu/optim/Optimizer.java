package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import java.util.List;

/**
 * Updates parameters in place from their gradients. The configuration (learning rate, β, …) is
 * fixed when an optimizer is built; what changes from step to step (moments, the step count) is its
 * state, which can be exported and restored so a resumed run continues exactly.
 */
public interface Optimizer {
  /** Applies one update to every parameter from its current gradient. */
  void step(List<Param> params);

  /** A copy of the per-parameter state and the step count. */
  OptimizerState exportState();

  /** Replaces the state with a copy of {@code state}, as exported by the same kind of optimizer. */
  void importState(OptimizerState state);

  /**
   * The buffers it keeps per parameter once it has stepped, e.g. {@code m} and {@code v} for Adam,
   * none for SGD; a checkpoint holds one tensor {@code <param>.<buffer>} for each.
   */
  List<String> bufferNames();

  /** The learning rate the next step uses. */
  double learningRate();

  /** Sets the learning rate for the following steps (used by schedules). */
  void setLearningRate(double learningRate);

  /** The short name used on the command line, e.g. {@code sgd}. */
  String id();
}
