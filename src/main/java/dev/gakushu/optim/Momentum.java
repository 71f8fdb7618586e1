package dev.gakushu.optim;

/**
 * SGD with (heavy-ball) momentum, Polyak (1964), in one of two algebraically equal forms.
 *
 * <pre>
 * input:  learning rate η, momentum μ, weight decay λ, parameters θ, gradients g
 * init:   b ← 0  (PyTorch form) or v ← 0  (book form)
 * loop:   g ← g + λ·θ                         (weights only)
 *   PyTorch ({@code torch.optim.SGD(momentum=μ)}):  b ← μ·b + g;   θ ← θ − η·b
 *   book    ({@code Momentum.update}):              v ← μ·v − η·g; θ ← θ + v
 * </pre>
 *
 * With a constant η the forms agree (v = −η·b); when a schedule changes η they differ, since
 * the book's velocity carries the old rates. State buffer: {@code velocity} (b or v).
 */
public final class Momentum extends AbstractOptimizer {
    private final double momentum;
    private final boolean bookForm;

    /**
     * @param momentum μ in [0, 1)
     * @param bookForm whether to use the book's velocity form
     */
    public Momentum(double learningRate, double momentum, double weightDecay, boolean bookForm) {
        super("momentum", learningRate, weightDecay, "velocity");
        this.momentum = Require.unitInterval("momentum", momentum);
        this.bookForm = bookForm;
    }

    @Override
    void update(float[] w, float[] g, float[][] state, float lambda) {
        float[] v = state[0];
        float eta = (float) learningRate;
        float mu = (float) momentum;
        for (int i = 0; i < w.length; i++) {
            float gi = g[i] + lambda * w[i];
            if (bookForm) {
                v[i] = mu * v[i] - eta * gi;
                w[i] += v[i];
            } else {
                v[i] = mu * v[i] + gi;
                w[i] -= eta * v[i];
            }
        }
    }

    @Override
    String settings() {
        return "momentum=" + momentum + ", form=" + (bookForm ? "book" : "pytorch");
    }
}
