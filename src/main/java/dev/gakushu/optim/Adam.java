package dev.gakushu.optim;

/**
 * Adam, Kingma and Ba (2015), with optional AMSGrad and coupled L2 weight decay
 * (g ← g + λ·θ on weights, as PyTorch's {@code torch.optim.Adam(weight_decay=λ)}). The update
 * rule and the difference between PyTorch's form and the book's are in {@link AdamRule}.
 * State buffers: {@code m}, {@code v} and, with AMSGrad, {@code v_max}; the step count t is the
 * optimizer's (the book keeps one counter, PyTorch one per parameter; they are equal here
 * because every parameter steps together).
 */
public final class Adam extends AbstractOptimizer {
    private final AdamRule rule;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
                boolean amsgrad, boolean bookForm) {
        this(new AdamRule(beta1, beta2, epsilon, amsgrad, bookForm), learningRate, weightDecay);
    }

    private Adam(AdamRule rule, double learningRate, double weightDecay) {
        super("adam", learningRate, weightDecay, rule.bufferNames());
        this.rule = rule;
    }

    @Override
    void update(float[] w, float[] g, float[][] state, float lambda) {
        rule.update(w, g, state, lambda, learningRate, steps);
    }

    @Override
    String settings() {
        return rule.toString();
    }
}
