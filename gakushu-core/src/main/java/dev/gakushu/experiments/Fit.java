package dev.gakushu.experiments;

import dev.gakushu.report.Numbers;

/**
 * A trained network's accuracy curves (one point per epoch) summarised over the last tenth of the
 * epochs (at least one): the mean training and test accuracy, and how much the training accuracy
 * still rose from the tenth before.
 *
 * @param train mean training accuracy over the last tenth
 * @param test mean test accuracy over the last tenth
 * @param trainRise the last tenth's mean training accuracy minus the tenth before's
 */
record Fit(double train, double test, double trainRise) {
  /** A rise of the training accuracy at or above this over the last tenth: still learning. */
  static final double STILL_RISING = 0.01;

  static Fit of(double[] trainAccuracy, double[] testAccuracy) {
    int n = trainAccuracy.length;
    int window = Math.max(1, n / 10);
    double last = OptimizerCompare.mean(trainAccuracy, n - window, n);
    double before =
        n >= 2 * window ? OptimizerCompare.mean(trainAccuracy, n - 2 * window, n - window) : last;
    return new Fit(last, OptimizerCompare.mean(testAccuracy, n - window, n), last - before);
  }

  /** Training accuracy minus test accuracy: how far the network overfits. */
  double gap() {
    return train - test;
  }

  /** Whether the training accuracy has levelled off (rose by less than 0.01 in the last tenth). */
  boolean levelledOff() {
    return trainRise < STILL_RISING;
  }

  /** "train 0.997, test 0.752, gap 0.245". */
  String words() {
    return "train "
        + Numbers.sig3(train)
        + ", test "
        + Numbers.sig3(test)
        + ", gap "
        + Numbers.sig3(gap());
  }

  /** "levelled off" or "still rising (+0.04 over the last tenth of the epochs)". */
  String trainingWords() {
    return levelledOff()
        ? "levelled off"
        : "still rising (+" + Numbers.sig3(trainRise) + " over the last tenth of the epochs)";
  }
}
