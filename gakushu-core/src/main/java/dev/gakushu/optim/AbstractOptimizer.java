package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import java.util.List;

/**
 * What every optimizer shares: the learning rate, the step counter, per-parameter buffers and the
 * export and import of that state. L2 weight decay is not an optimizer's business: it is part of
 * the objective ({@link dev.gakushu.nn.WeightDecay}), as in the book; only AdamW decays weights
 * itself.
 */
abstract class AbstractOptimizer implements Optimizer {
  private final OptimizerKind kind;
  private final ParamBuffers buffers;
  double learningRate;
  long steps;

  AbstractOptimizer(OptimizerKind kind, double learningRate, String... bufferNames) {
    this.kind = kind;
    this.buffers = new ParamBuffers(bufferNames);
    setLearningRate(learningRate);
  }

  @Override
  public final void step(List<Param> params) {
    steps++;
    for (int i = 0; i < params.size(); i++) { // by index: an iterator would be allocated
      Param p = params.get(i);
      update(p, p.value().data(), p.grad().data(), buffers.of(p));
    }
  }

  /**
   * Updates one parameter in place; {@link #steps} already counts this step.
   *
   * @param param the parameter (its name and role)
   * @param w its values, modified
   * @param g its gradient, not modified
   * @param state its buffers, modified
   */
  abstract void update(Param param, float[] w, float[] g, float[][] state);

  /**
   * The settings other than the learning rate, e.g. {@code momentum=0.9}, for {@link #toString()}.
   */
  abstract String settings();

  @Override
  public final OptimizerState exportState() {
    return new OptimizerState(steps, buffers.export());
  }

  @Override
  public final void importState(OptimizerState state) {
    buffers.restore(state.buffers());
    steps = state.steps();
  }

  @Override
  public final List<String> bufferNames() {
    return buffers.names();
  }

  @Override
  public final double learningRate() {
    return learningRate;
  }

  @Override
  public final void setLearningRate(double learningRate) {
    this.learningRate = OptimizerSetting.LR.require(learningRate);
  }

  @Override
  public final String id() {
    return kind.id();
  }

  @Override
  public final String toString() {
    String rest = settings();
    return kind.id() + "(lr=" + learningRate + (rest.isEmpty() ? "" : ", " + rest) + ")";
  }
}
