package dev.gakushu.optim;

import dev.gakushu.nn.Param;
import dev.gakushu.tensor.ElementWise;
import java.util.List;

/**
 * Plain stochastic gradient descent.
 *
 * <pre>
 * input:  learning rate η, parameters θ, gradients g
 * loop:   θ ← θ − η·g
 * </pre>
 *
 * Identical in the book ({@code SGD.update}) and in PyTorch ({@code torch.optim.SGD} without
 * momentum or weight decay).
 */
public final class Sgd implements Optimizer {
    private double learningRate;
    private long steps;

    /** @param learningRate η, a finite number &gt; 0 */
    public Sgd(double learningRate) {
        setLearningRate(learningRate);
    }

    @Override
    public void step(List<Param> params) {
        float minusEta = (float) -learningRate;
        for (Param p : params) {
            ElementWise.addScaled(p.value(), minusEta, p.grad());
        }
        steps++;
    }

    @Override
    public OptimizerState exportState() {
        return OptimizerState.of(steps);
    }

    @Override
    public void importState(OptimizerState state) {
        if (!state.buffers().isEmpty()) {
            throw new IllegalArgumentException("SGD keeps no buffers, but the state has " + state.buffers().keySet());
        }
        steps = state.steps();
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a finite number > 0, was " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public String id() {
        return "sgd";
    }

    @Override
    public String toString() {
        return "Sgd[lr=" + learningRate + "]";
    }
}
