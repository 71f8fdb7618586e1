package dev.gakushu;

import java.util.Locale;

/**
 * The conventions on which frameworks disagree, in one place. {@link #PYTORCH} (the default)
 * follows {@code torch.optim} and {@code torch.nn}; {@link #BOOK} reproduces the reference code of
 * Deep Learning from Scratch ({@code common/optimizer.py}, {@code common/layers.py}) exactly, and
 * the chapter's experiments use it.
 */
public enum Conventions {
  PYTORCH(1e-8, 1e-10, 1e-8, false, 1e-5, 1f, true, true),
  BOOK(1e-7, 1e-7, 1e-7, true, 1e-6, 0f, false, false);

  /** Adam's ε: PyTorch adds 1e-8 to √v̂; the book adds 1e-7 to √v (of the uncorrected v). */
  public final double adamEpsilon;

  /** AdaGrad's ε added to √h. */
  public final double adagradEpsilon;

  /** RMSprop's ε added to √h. */
  public final double rmspropEpsilon;

  /**
   * Whether update rules take the book's algebraic form: Adam with the bias correction folded into
   * the step size, Momentum and Nesterov with a velocity that holds −lr·g.
   */
  public final boolean bookForms;

  /**
   * BatchNorm's ε added to the variance: 1e-5 in PyTorch's BatchNorm1d, 1e-6 (written 10e-7) in the
   * book.
   */
  public final double batchNormEpsilon;

  /** The value BatchNorm's running variance starts at: 1 in PyTorch, 0 in the book. */
  public final float runningVarianceStart;

  /**
   * Whether the running variance gathers the unbiased batch variance (n/(n−1) times the biased one,
   * PyTorch) or the biased one used for normalising (the book).
   */
  public final boolean unbiasedRunningVariance;

  /**
   * Whether dropout is inverted — scale kept units by 1/(1 − ratio) in training, identity in
   * evaluation (PyTorch) — or the book's form: no scaling in training, times (1 − ratio) in
   * evaluation.
   */
  public final boolean invertedDropout;

  /**
   * The weight of the new batch in BatchNorm's running statistics: 0.1 for both (the book's "0.9"
   * weighs the old value).
   */
  public static final double BATCH_NORM_MOMENTUM = 0.1;

  Conventions(
      double adamEpsilon,
      double adagradEpsilon,
      double rmspropEpsilon,
      boolean bookForms,
      double batchNormEpsilon,
      float runningVarianceStart,
      boolean unbiasedRunningVariance,
      boolean invertedDropout) {
    this.adamEpsilon = adamEpsilon;
    this.adagradEpsilon = adagradEpsilon;
    this.rmspropEpsilon = rmspropEpsilon;
    this.bookForms = bookForms;
    this.batchNormEpsilon = batchNormEpsilon;
    this.runningVarianceStart = runningVarianceStart;
    this.unbiasedRunningVariance = unbiasedRunningVariance;
    this.invertedDropout = invertedDropout;
  }

  /** The name on the command line: {@code pytorch} or {@code book}. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
