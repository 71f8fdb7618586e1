package dev.gakushu.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

  /**
   * The example of scikit-learn's {@code classification_report} documentation: y_true = [0, 1, 2,
   * 2, 2], y_pred = [0, 0, 2, 2, 1], whose report reads (two decimals) precision 0.50 0.00 1.00,
   * recall 1.00 0.00 0.67, f1-score 0.67 0.00 0.80, support 1 1 3; macro avg 0.50 0.56 0.49,
   * weighted avg 0.70 0.60 0.61.
   */
  @Test
  void matchesScikitLearnsDocumentedExample() {
    int[] truth = {0, 1, 2, 2, 2};
    int[] predicted = {0, 0, 2, 2, 1};
    long[][] confusion = new long[3][3];
    for (int i = 0; i < truth.length; i++) {
      confusion[truth[i]][predicted[i]]++;
    }
    ClassificationReport r =
        new ClassificationReport(List.of("class 0", "class 1", "class 2"), 0, 0.6, 5, confusion);

    assertThat(new double[] {r.precision(0), r.precision(1), r.precision(2)})
        .containsExactly(new double[] {0.5, 0.0, 1.0}, within(1e-12));
    assertThat(new double[] {r.recall(0), r.recall(1), r.recall(2)})
        .containsExactly(new double[] {1.0, 0.0, 2.0 / 3}, within(1e-12));
    assertThat(new double[] {r.f1(0), r.f1(1), r.f1(2)})
        .containsExactly(new double[] {2.0 / 3, 0.0, 0.8}, within(1e-12));
    assertThat(new long[] {r.support(0), r.support(1), r.support(2)}).containsExactly(1, 1, 3);

    assertThat(r.macroAverage(r::precision)).isCloseTo(0.50, within(0.005));
    assertThat(r.macroAverage(r::recall)).isCloseTo(0.56, within(0.005));
    assertThat(r.macroAverage(r::f1)).isCloseTo(0.49, within(0.005));
    assertThat(r.weightedAverage(r::precision)).isCloseTo(0.70, within(0.005));
    assertThat(r.weightedAverage(r::recall)).isCloseTo(0.60, within(0.005));
    assertThat(r.weightedAverage(r::f1)).isCloseTo(0.61, within(0.005));
  }

  /** A class never predicted and never present: its precision, recall and F1 are undefined. */
  @Test
  void anAbsentClassIsUndefinedAndCountsAsZeroInTheMacroAverage() {
    long[][] confusion = {{3, 0}, {0, 0}};
    ClassificationReport r = new ClassificationReport(List.of("a", "b"), 0, 1, 3, confusion);
    assertThat(r.f1(1)).isNaN();
    assertThat(r.support(1)).isZero();
    assertThat(r.macroAverage(r::f1)).isEqualTo(0.5);
    assertThat(r.weightedAverage(r::f1)).isEqualTo(1.0);
  }
}
