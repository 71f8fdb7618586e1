package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import java.util.List;

/**
 * What every optimizer shares: the learning rate, the step counter, per-parameter buffers,
 * the export and import of that state, and L2 weight decay on weights.
 *
 * <p>Weight decay λ here is the coupled form of PyTorch's {@code weight_decay} and of the book's
 * {@code MultiLayerNet}: the gradient of a weight matrix becomes g + λ·W, the gradient of the
 * penalty ½λ‖W‖². It applies to parameters whose role is {@link Param.Role#WEIGHT} only, never to
 * biases (as the book; in PyTorch, as a parameter group without decay for the biases).
 */
abstract class AbstractOptimizer implements Optimizer {
    private final String id;
    private final ParamBuffers buffers;
    final double weightDecay;
    double learningRate;
    long steps;

    AbstractOptimizer(String id, double learningRate, double weightDecay, String... bufferNames) {
        this.id = id;
        this.buffers = new ParamBuffers(bufferNames);
        this.weightDecay = Require.nonNegative("weight-decay", weightDecay);
        setLearningRate(learningRate);
    }

    @Override
    public final void step(List<Param> params) {
        steps++;
        for (Param p : params) {
            update(p.value().data(), p.grad().data(), buffers.of(p), decayOf(p));
        }
    }

    /**
     * Updates one parameter in place; {@link #steps} already counts this step.
     *
     * @param w the values, modified
     * @param g the gradient, not modified
     * @param state this parameter's buffers, modified
     * @param lambda the weight decay that applies to this parameter (0 for biases)
     */
    abstract void update(float[] w, float[] g, float[][] state, float lambda);

    /** λ for weights, 0 for everything else. */
    float decayOf(Param p) {
        return p.role() == Param.Role.WEIGHT ? (float) weightDecay : 0f;
    }

    /** The settings other than the learning rate, e.g. {@code momentum=0.9}, for {@link #toString()}. */
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
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = Require.positive("lr", learningRate);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String toString() {
        String rest = settings();
        return id + "(lr=" + learningRate + (rest.isEmpty() ? "" : ", " + rest) + ", weight_decay=" + weightDecay + ")";
    }
}
