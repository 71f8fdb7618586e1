package dev.gakushu.optim;

/**
 * Plain stochastic gradient descent.
 *
 * <pre>
 * input:  learning rate η, weight decay λ, parameters θ, gradients g
 * loop:   g ← g + λ·θ          (weights only)
 *         θ ← θ − η·g
 * </pre>
 *
 * Identical in the book ({@code SGD.update}) and in PyTorch ({@code torch.optim.SGD} without
 * momentum).
 */
public final class Sgd extends AbstractOptimizer {
    /** @param learningRate η, a finite number &gt; 0 */
    public Sgd(double learningRate) {
        this(learningRate, 0);
    }

    public Sgd(double learningRate, double weightDecay) {
        super("sgd", learningRate, weightDecay);
    }

    @Override
    void update(float[] w, float[] g, float[][] state, float lambda) {
        float eta = (float) learningRate;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i] + lambda * w[i];
            w[i] -= eta * gi;
        }
    }

    @Override
    String settings() {
        return "";
    }
}
