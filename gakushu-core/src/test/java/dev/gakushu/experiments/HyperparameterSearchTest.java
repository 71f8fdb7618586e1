package dev.gakushu.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gakushu.report.Finding;
import dev.gakushu.run.TrialResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperparameterSearchTest {
  private static TrialResult trial(int n, double lr) {
    return new TrialResult(
        n, n, Map.of("lr", lr, "weight-decay", 1e-6), List.of(0.7), List.of(0.8), "ok");
  }

  @Test
  void theBestFiveLearningRatesMustLieInTheBooksRange() {
    List<TrialResult> good =
        List.of(
            trial(1, 0.008),
            trial(2, 0.0066),
            trial(3, 0.0073),
            trial(4, 0.0095),
            trial(5, 0.0038),
            trial(6, 1e-6));
    assertThat(HyperparameterSearch.bestLearningRatesInBooksRange(good).holds()).isTrue();
    List<TrialResult> bad =
        List.of(trial(1, 0.008), trial(2, 0.0066), trial(3, 0.0004), trial(4, 0.0095));
    Finding f = HyperparameterSearch.bestLearningRatesInBooksRange(bad);
    assertThat(f.holds()).isFalse();
    assertThat(f.claim()).contains("best 4 trials");
    assertThat(f.result()).endsWith("outside the range: [0.0004]");
  }
}
