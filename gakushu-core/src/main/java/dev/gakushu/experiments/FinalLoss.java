package dev.gakushu.experiments;

import dev.gakushu.report.Finding;

/**
 * Where the loss comparisons (optimizer-compare, init-compare) read a network's final loss: the
 * mean smoothed loss over the last {@link #WINDOW} iterations, {@code mean(s[n−100..n−1])}. A run
 * of fewer iterations has no such window: the mean is then over the whole run, early descent
 * included, and a finding that compares it is too short to test.
 */
final class FinalLoss {
  /** The iterations the final loss is averaged over, as the findings' claims say. */
  static final int WINDOW = 100;

  private FinalLoss() {}

  /** The mean of the last {@link #WINDOW} values of {@code smoothed} (of all, when fewer). */
  static double of(double[] smoothed) {
    return OptimizerCompare.mean(smoothed, Math.max(0, smoothed.length - WINDOW), smoothed.length);
  }

  /**
   * {@code finding}, or the same one marked too short to test when the run ({@code iterations}) is
   * shorter than the window its claim averages over.
   */
  static Finding tested(Finding finding, int iterations) {
    return finding.needsFullSize(iterations < WINDOW);
  }
}
