package dev.gakushu.experiments;

import dev.gakushu.report.Finding;
import dev.gakushu.report.Numbers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The findings of the overfitting experiments, computed from the {@link Fit} of the network without
 * a regulariser and with one: the book's claim (overfitting without, a narrower gap with) and what
 * it costs (test accuracy, training that has not levelled off). Each holds only at the book's size:
 * a quick run is too short to test them.
 */
final class OverfitFindings {
  /** Test accuracy kept: at most this much below the unregularised network's. */
  static final double KEPT = 0.01;

  /**
   * A gap narrower by more than this: beyond what two networks that differ only in their initial
   * draw differ by (max-norm at c = 3, which never binds in the book's setup, measured 0.008).
   */
  static final double NARROWER = 0.02;

  private OverfitFindings() {}

  /** Without a regulariser the network overfits: training accuracy above 0.95, gap above 0.1. */
  static Finding overfitsWithout(Fit none) {
    return Finding.of(
        "overfits-without",
        "Without regularisation the network overfits its 300 images: training accuracy near 1 "
            + "(above 0.95) and a wide train–test gap (above 0.1)",
        "without: " + none.words(),
        Fields.of("train_accuracy", none.train(), "test_accuracy", none.test(), "gap", none.gap()),
        none.train() > 0.95 && none.gap() > 0.1);
  }

  /** The book's claim: the regulariser narrows the gap; the result says what it cost. */
  static Finding narrowsGap(String regulariser, Fit none, Fit with) {
    return Finding.of(
        "regulariser-narrows-gap",
        "With "
            + regulariser
            + " the train–test gap is narrower (by more than "
            + Math.round(NARROWER * 100)
            + " points; the book's figure)",
        "gap "
            + Numbers.sig3(none.gap())
            + " → "
            + Numbers.sig3(with.gap())
            + "; test accuracy "
            + Numbers.sig3(none.test())
            + " → "
            + Numbers.sig3(with.test())
            + " ("
            + points(with.test() - none.test())
            + "); training accuracy "
            + Numbers.sig3(none.train())
            + " → "
            + Numbers.sig3(with.train())
            + ", "
            + with.trainingWords(),
        measured(none, with),
        narrower(with, none));
  }

  /** Whether the narrower gap came without losing test accuracy (more than one point). */
  static Finding keepsTestAccuracy(String regulariser, Fit none, Fit with) {
    return Finding.of(
        "regulariser-keeps-test-accuracy",
        "With "
            + regulariser
            + " the test accuracy is kept: at most "
            + Math.round(KEPT * 100)
            + " point below the network without it",
        "test accuracy " + points(with.test() - none.test()) + " with " + regulariser,
        Fields.of("test_without", none.test(), "test_with", with.test()),
        with.test() >= none.test() - KEPT);
  }

  /** Whether the regularised network's training accuracy has levelled off by the last epoch. */
  static Finding levelsOff(String regulariser, Fit with, int epochs) {
    return Finding.of(
        "regularised-training-levels-off",
        "With "
            + regulariser
            + " training has levelled off within the "
            + epochs
            + " epochs: the training accuracy rose by less than "
            + Fit.STILL_RISING
            + " over the last tenth",
        "training accuracy " + Numbers.sig3(with.train()) + ", " + with.trainingWords(),
        Fields.of("train_accuracy", with.train(), "rise_over_last_tenth", with.trainRise()),
        with.levelledOff());
  }

  /** Whether {@code with}'s gap is narrower than {@code none}'s by more than {@link #NARROWER}. */
  static boolean narrower(Fit with, Fit none) {
    return with.gap() < none.gap() - NARROWER;
  }

  /** "−4.1 points": an accuracy difference in percentage points. */
  static String points(double difference) {
    return String.format(Locale.ROOT, "%+.1f points", 100 * difference).replace('-', '−');
  }

  private static Map<String, Object> measured(Fit none, Fit with) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gap_without", none.gap());
    m.put("gap_with", with.gap());
    m.put("test_without", none.test());
    m.put("test_with", with.test());
    m.put("train_without", none.train());
    m.put("train_with", with.train());
    m.put("train_rise_with", with.trainRise());
    return m;
  }
}
