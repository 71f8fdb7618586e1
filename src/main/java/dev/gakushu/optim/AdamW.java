package dev.gakushu.optim;

/**
 * AdamW, Loshchilov and Hutter (2019): Adam with decoupled weight decay.
 *
 * <pre>
 * loop:   θ ← θ·(1 − η·λ)          (weights only)
 *         then the Adam update of {@link AdamRule} with the undecayed gradient g
 * </pre>
 *
 * As PyTorch's {@code torch.optim.AdamW} (default λ = 0.01), except that biases are not decayed
 * (in PyTorch, a parameter group without decay for them).
 */
public final class AdamW extends AbstractOptimizer {
    private final AdamRule rule;

    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                 boolean amsgrad, boolean bookForm) {
        this(new AdamRule(beta1, beta2, epsilon, amsgrad, bookForm), learningRate, weightDecay);
    }

    private AdamW(AdamRule rule, double learningRate, double weightDecay) {
        super("adamw", learningRate, weightDecay, rule.bufferNames());
        this.rule = rule;
    }

    @Override
    void update(float[] w, float[] g, float[][] state, float lambda) {
        float keep = (float) (1 - learningRate * lambda);
        for (int i = 0; i < w.length; i++) {
            w[i] *= keep;
        }
        rule.update(w, g, state, 0f, learningRate, steps);
    }

    @Override
    String settings() {
        return rule.toString();
    }
}
