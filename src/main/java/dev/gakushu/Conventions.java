package dev.gakushu;

import java.util.Locale;

/**
 * The conventions on which frameworks disagree, in one place. {@link #PYTORCH} (the default)
 * follows {@code torch.optim} and {@code torch.nn}; {@link #BOOK} reproduces the reference code of
 * Deep Learning from Scratch ({@code common/optimizer.py}, {@code common/layers.py}) exactly, and
 * the chapter's experiments use it.
 */
public enum Conventions {
    PYTORCH(1e-8, 1e-10, 1e-8, false),
    BOOK(1e-7, 1e-7, 1e-7, true);

    /** Adam's ε: PyTorch adds 1e-8 to √v̂; the book adds 1e-7 to √v (of the uncorrected v). */
    public final double adamEpsilon;
    /** AdaGrad's ε added to √h. */
    public final double adagradEpsilon;
    /** RMSprop's ε added to √h. */
    public final double rmspropEpsilon;
    /**
     * Whether update rules take the book's algebraic form: Adam with the bias correction folded
     * into the step size, Momentum and Nesterov with a velocity that holds −lr·g.
     */
    public final boolean bookForms;

    Conventions(double adamEpsilon, double adagradEpsilon, double rmspropEpsilon, boolean bookForms) {
        this.adamEpsilon = adamEpsilon;
        this.adagradEpsilon = adagradEpsilon;
        this.rmspropEpsilon = rmspropEpsilon;
        this.bookForms = bookForms;
    }

    /** The learning rate an optimizer uses when none is given. */
    public double defaultLearningRate(String optimizerId) {
        if (this == BOOK) {
            return optimizerId.startsWith("adam") ? 1e-3 : 1e-2;
        }
        return switch (optimizerId) {
            case "adam", "adamw" -> 1e-3;
            case "sgd", "momentum", "nesterov", "adagrad", "rmsprop" -> 1e-2;
            default -> throw new IllegalArgumentException("unknown optimizer " + optimizerId);
        };
    }

    /** The name on the command line: {@code pytorch} or {@code book}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
